package io.kapi.restcontainer;

import io.undertow.server.HttpServerExchange;

/**
 * Writes the response when no route can serve a request. The container decides the status
 * (404, 405, 406 or 415) and the writer decides the body, so the container stays free of any
 * particular error format.
 *
 * <p>For a 405 the container has already set the {@code Allow} response header when the writer
 * runs.
 */
@FunctionalInterface
public interface ErrorWriter {

  /**
   * Writes the error response for {@code error} to {@code exchange}.
   *
   * @throws Exception anything; it propagates out of {@link Container#handleRequest}
   */
  void write(HttpServerExchange exchange, RouteError error) throws Exception;
}
