package io.kapi.server.filters;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Marks responses {@code Cache-Control: no-cache, private} unless a handler chose otherwise. */
final class CacheControlFilter implements HttpHandler {
  private final HttpHandler next;

  CacheControlFilter(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addResponseCommitListener(
        ex -> {
          if (!ex.getResponseHeaders().contains(Headers.CACHE_CONTROL)) {
            ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache, private");
          }
        });
    next.handleRequest(exchange);
  }
}
