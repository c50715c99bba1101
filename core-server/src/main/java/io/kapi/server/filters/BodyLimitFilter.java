package io.kapi.server.filters;

import io.kapi.api.errors.ApiErrors;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Rejects request bodies over the limit (default 3 MiB) with 413 {@code RequestEntityTooLarge}: at
 * once when {@code Content-Length} says so, and while reading for chunked bodies (readers see an
 * I/O error that {@link io.kapi.server.request.RequestBodies} maps to the same status).
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
      // the body will not be read: close afterwards rather than drain megabytes
      exchange.setPersistent(false);
      Responses.writeError(exchange, ApiErrors.requestEntityTooLarge(limit));
      return;
    }
    exchange.setMaxEntitySize(limit);
    next.handleRequest(exchange);
  }
}
