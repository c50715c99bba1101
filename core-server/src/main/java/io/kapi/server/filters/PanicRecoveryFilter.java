package io.kapi.server.filters;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Keeps the server serving when a handler throws: the request gets a {@code Status} (see {@link Failures}). */
final class PanicRecoveryFilter implements HttpHandler {
  private final HttpHandler next;

  PanicRecoveryFilter(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    try {
      next.handleRequest(exchange);
    } catch (Throwable t) {
      Failures.write(exchange, t);
    }
  }
}
