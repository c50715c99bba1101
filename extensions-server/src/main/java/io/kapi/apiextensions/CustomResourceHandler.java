package io.kapi.apiextensions;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Serves custom resources and their discovery under {@code /apis/}. It knows no CustomResourceDefinition
 * yet, so every request goes to the delegate, as upstream's handler does for an unknown group.
 */
final class CustomResourceHandler implements HttpHandler {
  private final HttpHandler delegate;

  CustomResourceHandler(HttpHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    delegate.handleRequest(exchange);
  }
}
