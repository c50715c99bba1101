package io.kapi.aggregator;

import io.kapi.api.discovery.APIGroup;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Answers {@code GET /apis/<group>} from the APIServices of that group, or hands it to the delegate. */
final class ApiGroupHandler implements HttpHandler {
  private final ApiServiceRegistry registry;
  private final String group;
  private final HttpHandler delegate;

  ApiGroupHandler(ApiServiceRegistry registry, String group, HttpHandler delegate) {
    this.registry = registry;
    this.group = group;
    this.delegate = delegate;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    APIGroup discovered = registry.group(group);
    if (discovered == null) {
      delegate.handleRequest(exchange);
      return;
    }
    Responses.writeObject(exchange, 200, discovered.asDocument());
  }
}
