package io.kapi.restcontainer;

import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * A request that the container matched to a route: the exchange plus what routing learned about
 * it. Instances are made by the container for one call of a {@link RouteHandler}.
 */
public interface RestRequest {

  /** The Undertow exchange being served. */
  HttpServerExchange exchange();

  /** The route selected for the request. */
  Route route();

  /** The web service the route belongs to. */
  WebService webService();

  /**
   * Returns the value of the path parameter {@code name}, already URL-decoded. For a
   * {@code {name:*}} parameter the value is the rest of the path without a leading slash, e.g.
   * {@code a/b} for {@code /proxy/a/b} against {@code /proxy/{name:*}}.
   *
   * @throws IllegalArgumentException if the route's template has no parameter {@code name}
   */
  String pathParameter(String name);

  /** All path parameters of the route's template with their values, in template order. */
  Map<String, String> pathParameters();
}
