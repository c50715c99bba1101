package io.kapi.server.filters;

import io.kapi.api.errors.ApiErrors;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Protocols;

/**
 * Rejects request bodies over the limit (default 3 MiB) with 413 {@code RequestEntityTooLarge}: at
 * once when {@code Content-Length} says so; chunked bodies are cut off by their reader ({@link
 * io.kapi.server.request.RequestBodies} reads at most the limit plus one byte and answers the same
 * status).
 */
final class BodyLimitFilter implements HttpHandler {
  private final HttpHandler next;
  private final long limit;

  BodyLimitFilter(HttpHandler next, long limit) {
    this.next = next;
    this.limit = limit;
  }

  /** Undertow's entity limit for a body limit of {@code limit}. */
  static long safetyNet(long limit) {
    return limit > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * limit;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long length = exchange.getRequestContentLength();
    if (length > limit) {
      // the body will not be read: close an HTTP/1.x connection afterwards rather than drain
      // megabytes (an HTTP/2 stream ends alone; its connection carries other streams)
      if (!exchange.getProtocol().equals(Protocols.HTTP_2_0)) {
        exchange.setPersistent(false);
      }
      Responses.writeError(exchange, ApiErrors.requestEntityTooLarge(limit));
      return;
    }
    // Readers stop at limit + 1 bytes and answer 413 themselves (RequestBodies). Undertow's own
    // entity limit drops the connection without any response, so it is only a safety net for
    // readers that do not stop, set well above the limit.
    exchange.setMaxEntitySize(safetyNet(limit));
    next.handleRequest(exchange);
  }
}
