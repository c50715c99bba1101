package io.kapi.aggregator;

import io.kapi.api.discovery.APIGroupList;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Answers {@code GET /apis} with every group of the aggregator's APIServices, in discovery order. */
final class ApisHandler implements HttpHandler {
  private final ApiServiceRegistry registry;

  ApisHandler(ApiServiceRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Responses.writeObject(exchange, 200, APIGroupList.of(registry.groups()));
  }
}
