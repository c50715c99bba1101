package io.kapi.server.authn;

import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * Decides who made a request from the credentials it carries (a bearer token, a client certificate,
 * front-proxy headers...).
 *
 * <p>An authenticator that does not recognise the request (no credential of its kind, or a
 * credential it cannot verify) returns empty, so that the next authenticator of a {@link
 * UnionAuthenticator} can try. Implementations are thread-safe and cheap enough to run on an
 * Undertow IO thread: they must not block.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Returns the user that made the request, or empty if this authenticator does not recognise it.
   */
  Optional<UserInfo> authenticate(HttpServerExchange exchange);
}
