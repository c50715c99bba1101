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
    // Chunked bodies are left to their readers, which stop at limit + 1 bytes and answer 413
    // (RequestBodies). Undertow's own entity limit would drop the connection without a response,
    // and it cut off 3 MiB chunked bodies even when set to twice the limit.
    next.handleRequest(exchange);
  }
}
