package io.kapi.server.authn;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;

/**
 * Asks several authenticators in order and returns the first user found, so that a server can
 * accept more than one kind of credential (like kube-apiserver's union authenticator).
 */
public final class UnionAuthenticator implements Authenticator {
  private final ImmutableList<Authenticator> authenticators;

  /**
   * Creates a union of {@code authenticators}, asked in list order.
   *
   * @throws NullPointerException if the list or one of its elements is null
   */
  public UnionAuthenticator(List<? extends Authenticator> authenticators) {
    checkNotNull(authenticators, "authenticators");
    this.authenticators = ImmutableList.copyOf(authenticators);
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerExchange exchange) {
    checkNotNull(exchange, "exchange");
    for (Authenticator authenticator : authenticators) {
      Optional<UserInfo> user = authenticator.authenticate(exchange);
      if (user.isPresent()) {
        return user;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "UnionAuthenticator" + authenticators;
  }
}
