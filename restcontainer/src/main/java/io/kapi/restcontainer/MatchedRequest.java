package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** The {@link RestRequest} a container hands to a route's handler. */
final class MatchedRequest implements RestRequest {

  private final HttpServerExchange exchange;
  private final WebService webService;
  private final Route route;
  private final ImmutableMap<String, String> pathParameters;

  MatchedRequest(
      HttpServerExchange exchange, WebService webService, Route route, String[] segments) {
    this.exchange = exchange;
    this.webService = webService;
    this.route = route;
    this.pathParameters = extract(route.template(), segments, webService.rootDepth());
  }

  private static ImmutableMap<String, String> extract(
      PathTemplate template, String[] segments, int from) {
    if (template.isLiteral()) {
      return ImmutableMap.of();
    }
    ImmutableMap.Builder<String, String> parameters =
        ImmutableMap.builderWithExpectedSize(template.parameterCount());
    int index = from;
    for (PathTemplate.Segment segment : template.segments()) {
      switch (segment.kind()) {
        case LITERAL -> index++;
        case PARAMETER -> parameters.put(segment.text(), segments[index++]);
        case WILDCARD -> parameters.put(segment.text(), RequestPath.join(segments, index));
      }
    }
    return parameters.buildOrThrow();
  }

  @Override
  public HttpServerExchange exchange() {
    return exchange;
  }

  @Override
  public Route route() {
    return route;
  }

  @Override
  public WebService webService() {
    return webService;
  }

  @Override
  public String pathParameter(String name) {
    checkNotNull(name, "name");
    String value = pathParameters.get(name);
    checkArgument(value != null, "route %s has no path parameter %s", route, name);
    return value;
  }

  @Override
  public Map<String, String> pathParameters() {
    return pathParameters;
  }

  @Override
  public String toString() {
    return "RestRequest{" + route + " in " + webService.rootPath() + ", " + pathParameters + "}";
  }
}
