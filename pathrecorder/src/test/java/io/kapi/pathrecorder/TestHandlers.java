package io.kapi.pathrecorder;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Handlers for tests: identifiable by name, and doing nothing with the exchange. */
final class TestHandlers {
  private TestHandlers() {}

  static HttpHandler named(String name) {
    return new HttpHandler() {
      @Override
      public void handleRequest(HttpServerExchange exchange) {}

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** An exchange without a connection, enough for routing and for handlers that write nothing. */
  static HttpServerExchange exchange(String path) {
    HttpServerExchange exchange = new HttpServerExchange(null);
    exchange.setRequestPath(path);
    return exchange;
  }
}
