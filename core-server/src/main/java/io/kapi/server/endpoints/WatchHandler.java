package io.kapi.server.endpoints;

import io.kapi.api.selector.FieldSelector;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WatchParams;
import io.kapi.server.responses.Responses;
import io.kapi.server.storage.cache.CacheWatch;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Starts watches ({@code ?watch=true} and the legacy {@code /watch/} paths): validates the
 * parameters, registers the watcher with the store's watch cache (the only step that may block,
 * to wait for a "not older than" revision) and hands the response to a non-blocking stream: a
 * chunked HTTP response, or WebSocket text frames when the client asks for an upgrade.
 */
final class WatchHandler {
  /** upstream's default {@code MinRequestTimeout}: 30 minutes. */
  static final long MIN_REQUEST_TIMEOUT_SECONDS = 1800;

  private final WebSocketWatch webSockets = new WebSocketWatch();

  /**
   * Starts the watch on a worker thread; errors before the stream starts are thrown as {@link
   * io.kapi.api.errors.ApiException}s for the caller to answer.
   */
  void start(
      HttpServerExchange exchange,
      Store store,
      Output output,
      String namespace,
      @Nullable String name) {
    QueryParams query = new QueryParams(exchange);
    WatchParams params = query.watchParams();
    if (name != null) {
      params =
          new WatchParams(
              params.labelSelector(),
              FieldSelector.and(
                  params.fieldSelector(), FieldSelector.oneTermEqual("metadata.name", name)),
              params.resourceVersion(),
              params.allowBookmarks(),
              params.sendInitialEvents());
    }
    long timeoutSeconds = query.int64("timeoutSeconds", 0);
    if (timeoutSeconds <= 0) {
      timeoutSeconds =
          MIN_REQUEST_TIMEOUT_SECONDS
              + ThreadLocalRandom.current().nextLong(MIN_REQUEST_TIMEOUT_SECONDS);
    }
    Negotiation.Target target = Negotiation.negotiate(exchange, true);
    if (target.shape() == Negotiation.Shape.PARTIAL_OBJECT_METADATA_LIST) {
      throw io.kapi.server.registry.RegistryErrors.notAcceptable(
          "you requested PartialObjectMetadataList, but the requested object is not a list"
              + " (*unstructured.Unstructured)");
    }
    TableConverter.IncludeObject include =
        target.shape() == Negotiation.Shape.TABLE
            ? TableConverter.includeObject(query.first("includeObject"))
            : TableConverter.IncludeObject.METADATA;
    EventEncoder encoder =
        new EventEncoder(
            target,
            output.tables(),
            include,
            store.groupVersion().toString(),
            store.resource().kind());
    long timeoutMillis = TimeUnit.SECONDS.toMillis(timeoutSeconds);
    if (WebSocketWatch.isUpgrade(exchange)) {
      webSockets.start(exchange, store, namespace, params, encoder, timeoutMillis);
      return;
    }
    HttpWatchStream stream = new HttpWatchStream(exchange, encoder);
    CacheWatch<Unstructured> watch = store.watch(namespace, params, stream);
    if (!Responses.claim(exchange)) {
      watch.close();
      return;
    }
    stream.start(watch, timeoutMillis, params.allowBookmarks());
  }
}
