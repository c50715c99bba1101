package io.kapi.server.filters;

import io.kapi.server.request.RequestContext;
import io.kapi.server.request.RequestInfoResolver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Records when the request arrived and what it is about ({@link io.kapi.server.request.RequestInfo}). */
final class RequestInfoFilter implements HttpHandler {
  private static final RequestInfoResolver RESOLVER = new RequestInfoResolver();

  private final HttpHandler next;

  RequestInfoFilter(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RequestContext.setReceivedNanos(exchange, System.nanoTime());
    RequestContext.setRequestInfo(
        exchange,
        RESOLVER.resolve(
            exchange.getRequestMethod().toString(),
            exchange.getRequestPath(),
            exchange.getQueryParameters()));
    next.handleRequest(exchange);
  }
}
