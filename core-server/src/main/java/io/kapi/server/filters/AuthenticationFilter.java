package io.kapi.server.filters;

import io.kapi.api.errors.ApiErrors;
import io.kapi.server.authn.Authenticator;
import io.kapi.server.authn.UserInfo;
import io.kapi.server.request.RequestContext;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Optional;

/**
 * Requires an authenticated user: the authenticator's user is attached to the request; without
 * one the request gets 401 {@code Unauthorized}, except the public endpoints ({@code /healthz},
 * {@code /livez}, {@code /readyz} and their checks, {@code /version}), which anonymous callers may
 * read without credentials, as upstream's default RBAC allows. A request that presents a
 * credential nobody accepts gets 401 everywhere.
 */
final class AuthenticationFilter implements HttpHandler {
  private static final UserInfo ANONYMOUS =
      UserInfo.of(UserInfo.ANONYMOUS, List.of(UserInfo.ALL_UNAUTHENTICATED));

  private final HttpHandler next;
  private final Authenticator authenticator;

  AuthenticationFilter(HttpHandler next, Authenticator authenticator) {
    this.next = next;
    this.authenticator = authenticator;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Optional<UserInfo> user = authenticator.authenticate(exchange);
    if (user.isPresent()) {
      RequestContext.setUser(exchange, user.get());
    } else if (!exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)
        && isPublic(exchange.getRequestPath())) {
      // a credential that does not check out is rejected even on public paths, as upstream does
      RequestContext.setUser(exchange, ANONYMOUS);
    } else {
      Responses.writeError(exchange, ApiErrors.unauthorized());
      return;
    }
    next.handleRequest(exchange);
  }

  static boolean isPublic(String path) {
    return path.equals("/version")
        || isEndpoint(path, "/healthz")
        || isEndpoint(path, "/livez")
        || isEndpoint(path, "/readyz");
  }

  private static boolean isEndpoint(String path, String endpoint) {
    return path.equals(endpoint)
        || (path.startsWith(endpoint) && path.charAt(endpoint.length()) == '/');
  }
}
