package io.kapi.server.health;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Serves {@code /<endpoint>/<check>}: {@code ok}, or 500 {@code internal server error: <err>}. */
final class SingleCheckHandler implements HttpHandler {
  private final HealthCheck check;

  SingleCheckHandler(HealthCheck check) {
    this.check = check;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    try {
      check.check();
      PlainText.write(exchange, 200, "ok");
    } catch (Exception e) {
      PlainText.write(exchange, 500, "internal server error: " + e.getMessage());
    }
  }
}
