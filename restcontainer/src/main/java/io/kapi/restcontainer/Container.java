package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A go-restful style container: a set of {@link WebService}s, each under its own root path, and
 * the Undertow handler that selects a {@link Route} for every request and runs it.
 *
 * <pre>{@code
 * Container container = new Container(errorWriter);
 * container.add(WebService.builder("/api/v1").route(listPods).route(getPod).build());
 * Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(container).build().start();
 * }</pre>
 *
 * <p>Selection follows go-restful's CurlyRouter. The web service is the one with the longest root
 * path that is a whole-segment prefix of {@link HttpServerExchange#getRequestPath()} (leading and
 * trailing slashes of the request path are ignored, so {@code /api/v1/} is {@code /api/v1}).
 * Its routes whose template matches the rest of the path are ordered most specific first (more
 * literal segments, then more parameters, then registration order) and filtered by method (none
 * left: 405 with an {@code Allow} header), by {@code Content-Type} (415; checked for POST, PUT,
 * PATCH and any request with a body) and by {@code Accept} (406; parameters such as
 * {@code ;as=Table} are ignored, {@code q=0} excludes). No web service or no matching template is
 * a 404. Errors go to the {@link ErrorWriter}; the first surviving route's handler runs on the
 * calling thread.
 *
 * <p>Thread safety: {@link #add} and {@link #remove} may be called while requests are served. They
 * replace an immutable snapshot atomically; request handling never locks, and each request sees
 * either the old or the new set of web services.
 */
public final class Container implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(Container.class);

  private final ErrorWriter errorWriter;
  private final Object writeLock = new Object();
  private volatile WebServiceTable table = WebServiceTable.EMPTY;

  /** Creates an empty container whose selection errors are written by {@code errorWriter}. */
  public Container(ErrorWriter errorWriter) {
    this.errorWriter = checkNotNull(errorWriter, "errorWriter");
  }

  /**
   * Registers {@code webService}; it serves requests from the next request on.
   *
   * @throws IllegalStateException if a web service with the same root path is registered
   */
  public void add(WebService webService) {
    checkNotNull(webService, "webService");
    synchronized (writeLock) {
      WebServiceTable current = table;
      checkState(
          current.get(webService.rootPath()) == null,
          "a WebService with root path %s is already registered",
          webService.rootPath());
      table = current.with(webService);
    }
    log.debug("added WebService {} with {} routes", webService.rootPath(), webService.routes().size());
  }

  /**
   * Unregisters the web service rooted at {@code rootPath}.
   *
   * @return whether one was registered
   */
  public boolean remove(String rootPath) {
    checkNotNull(rootPath, "rootPath");
    synchronized (writeLock) {
      WebServiceTable current = table;
      if (current.get(rootPath) == null) {
        return false;
      }
      table = current.without(rootPath);
    }
    log.debug("removed WebService {}", rootPath);
    return true;
  }

  /** The registered web services in registration order: an immutable snapshot. */
  public List<WebService> webServices() {
    return table.webServices();
  }

  /**
   * Selects the route for the exchange's request path and method and runs its handler, or hands
   * the {@link RouteError} to the error writer.
   *
   * @throws Exception whatever the route handler or the error writer throws
   */
  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HeaderMap headers = exchange.getRequestHeaders();
    RouteSelector.Selection selection =
        RouteSelector.select(
            table,
            exchange.getRequestMethod().toString(),
            exchange.getRequestPath(),
            headers.getFirst(Headers.CONTENT_TYPE),
            joined(headers.get(Headers.ACCEPT)),
            hasBody(headers));
    if (selection instanceof RouteSelector.Match match) {
      match
          .route()
          .handler()
          .handle(new MatchedRequest(exchange, match.webService(), match.route(), match.segments()));
      return;
    }
    RouteSelector.Rejection rejection = (RouteSelector.Rejection) selection;
    if (log.isTraceEnabled()) {
      log.trace(
          "{} {} rejected: {}",
          exchange.getRequestMethod(),
          exchange.getRequestPath(),
          rejection.error());
    }
    if (!rejection.allowedMethods().isEmpty()) {
      exchange.getResponseHeaders().put(Headers.ALLOW, String.join(", ", rejection.allowedMethods()));
    }
    errorWriter.write(exchange, rejection.error());
  }

  private static @Nullable String joined(@Nullable HeaderValues values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.getFirst() : String.join(",", values);
  }

  private static boolean hasBody(HeaderMap headers) {
    if (headers.contains(Headers.TRANSFER_ENCODING)) {
      return true;
    }
    String length = headers.getFirst(Headers.CONTENT_LENGTH);
    if (length == null) {
      return false;
    }
    try {
      return Long.parseLong(length.trim()) > 0;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  @Override
  public String toString() {
    return "Container" + table.webServices();
  }
}
