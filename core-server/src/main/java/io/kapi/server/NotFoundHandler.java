package io.kapi.server;

import io.kapi.api.errors.ApiErrors;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * The end of a server chain: answers 404 with a {@code Status} (reason {@code NotFound}, message
 * {@code the server could not find the requested resource}) where upstream writes plain text.
 */
public final class NotFoundHandler implements HttpHandler {
  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Responses.writeError(exchange, ApiErrors.pathNotFound());
  }
}
