package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiErrors;
import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Serves {@code /openapi/v2}: one Swagger 2.0 JSON document merged from every document of an {@link
 * OpenApiV3Service} (see {@link SwaggerConverter} for the conversion), with {@code Etag} (quoted
 * upper-case hex SHA-512), {@code Last-Modified}, {@code Vary: Accept} and 304 answers to {@code
 * If-None-Match} / {@code If-Modified-Since}, like upstream's {@code kube-openapi} handler.
 *
 * <p>Upstream also speaks protobuf ({@code
 * application/com.github.proto-openapi.spec.v2@v1.0+protobuf}), which is what kubectl asks for;
 * Kapi answers JSON only, so that request gets 406 with a {@code Status}. kubectl 1.27 and later
 * read OpenAPI v3 for {@code explain}, field validation and strategic merge patches, and only fall
 * back to v2 when v3 fails.
 *
 * <p>Thread-safe. The document is rebuilt and serialized at most once per change of the v3
 * documents, on the first request after the change.
 *
 * <pre>{@code
 * OpenApiV2Service.from(openApiV3).install(server.handler().nonGoRestfulMux());
 * }</pre>
 */
public final class OpenApiV2Service {
  /** The served path. */
  public static final String PATH = "/openapi/v2";

  private static final String JSON = "application/json";

  private record Cached(
      long generation, JsonNode tree, byte[] json, String etag, Instant modified) {}

  private final OpenApiV3Service source;
  private final String title;
  private final String version;
  private volatile @Nullable Cached cached;

  private OpenApiV2Service(OpenApiV3Service source, String title, String version) {
    this.source = source;
    this.title = title;
    this.version = version;
  }

  /** The v2 view of {@code source}, titled {@code Kubernetes}, version {@code unversioned}. */
  public static OpenApiV2Service from(OpenApiV3Service source) {
    return from(source, "Kubernetes", "unversioned");
  }

  /** The v2 view of {@code source} with the given {@code info.title} and {@code info.version}. */
  public static OpenApiV2Service from(OpenApiV3Service source, String title, String version) {
    checkNotNull(source, "source");
    checkNotNull(title, "title");
    checkNotNull(version, "version");
    return new OpenApiV2Service(source, title, version);
  }

  /** A copy of the current Swagger 2.0 document. */
  public JsonNode document() {
    return current().tree().deepCopy();
  }

  /** Registers the listed exact path {@code /openapi/v2} in {@code mux}. */
  public void install(PathRecorderMux mux) {
    checkNotNull(mux, "mux");
    mux.handle(PATH, handler());
  }

  /** The handler of {@code /openapi/v2}. */
  HttpHandler handler() {
    return this::serve;
  }

  private Cached current() {
    OpenApiV3Service.Snapshot snapshot = source.snapshot();
    Cached now = cached;
    if (now != null && now.generation() == snapshot.generation()) {
      return now;
    }
    synchronized (this) {
      now = cached;
      if (now != null && now.generation() == snapshot.generation()) {
        return now;
      }
      List<JsonNode> documents = new ArrayList<>();
      for (OpenApiV3Service.Document document : snapshot.documents().values()) {
        documents.add(document.tree());
      }
      JsonNode tree = CanonicalJson.sortedCopy(SwaggerConverter.merge(documents, title, version));
      byte[] json = CanonicalJson.encode(tree);
      String etag = CanonicalJson.sha512Hex(json);
      Instant modified = now != null && now.etag().equals(etag) ? now.modified() : Instant.now();
      Cached rebuilt = new Cached(snapshot.generation(), tree, json, etag, modified);
      cached = rebuilt;
      return rebuilt;
    }
  }

  private void serve(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.VARY, "Accept");
    if (!OpenApiV3Service.acceptsJson(exchange.getRequestHeaders().getFirst(Headers.ACCEPT))) {
      Responses.writeError(exchange, ApiErrors.notAcceptable(List.of(JSON)));
      return;
    }
    Cached document = current();
    String quoted = OpenApiV3Service.quote(document.etag());
    exchange.getResponseHeaders().put(Headers.ETAG, quoted);
    exchange
        .getResponseHeaders()
        .put(Headers.LAST_MODIFIED, HttpCaching.httpDate(document.modified()));
    if (HttpCaching.notModified(exchange, quoted, document.modified())) {
      HttpCaching.writeNotModified(exchange);
      return;
    }
    Responses.writeBytes(exchange, 200, JSON, document.json());
  }
}
