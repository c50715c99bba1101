package io.kapi.server.authn;

import static com.google.common.base.Preconditions.checkNotNull;

import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * Adds the group {@value UserInfo#ALL_AUTHENTICATED} to every user its delegate authenticates, so
 * that RBAC rules for "all authenticated users" apply whatever the credential was.
 *
 * <p>As in kube-apiserver, the group is not added to {@value UserInfo#ANONYMOUS} nor to a user that
 * already has {@value UserInfo#ALL_AUTHENTICATED} or {@value UserInfo#ALL_UNAUTHENTICATED}.
 */
public final class AuthenticatedGroupAdder implements Authenticator {
  private final Authenticator delegate;

  /** Wraps {@code delegate}. */
  public AuthenticatedGroupAdder(Authenticator delegate) {
    this.delegate = checkNotNull(delegate, "delegate");
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerExchange exchange) {
    checkNotNull(exchange, "exchange");
    return delegate.authenticate(exchange).map(AuthenticatedGroupAdder::addGroup);
  }

  static UserInfo addGroup(UserInfo user) {
    if (user.name().equals(UserInfo.ANONYMOUS)
        || user.groups().contains(UserInfo.ALL_UNAUTHENTICATED)) {
      return user;
    }
    return user.withGroup(UserInfo.ALL_AUTHENTICATED);
  }

  @Override
  public String toString() {
    return "AuthenticatedGroupAdder[" + delegate + "]";
  }
}
