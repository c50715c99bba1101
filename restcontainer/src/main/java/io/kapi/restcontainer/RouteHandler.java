package io.kapi.restcontainer;

/**
 * The code behind a {@link Route}: what the container runs once it has selected the route for a
 * request. It runs on the thread that called {@link Container#handleRequest}.
 */
@FunctionalInterface
public interface RouteHandler {

  /**
   * Handles a request that matched the route.
   *
   * @throws Exception anything; the container does not catch it, so it reaches the caller of
   *     {@link Container#handleRequest}
   */
  void handle(RestRequest request) throws Exception;
}
