package io.kapi.server.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatedGroupAdderTest {
  private final HttpServerExchange exchange = new HttpServerExchange(null);

  @Test
  void addsAuthenticatedGroupAfterTheUsersOwnGroups() {
    UserInfo alice = new UserInfo("alice", "uid-1", List.of("dev"), Map.of("scope", List.of("x")));

    Optional<UserInfo> user =
        new AuthenticatedGroupAdder(e -> Optional.of(alice)).authenticate(exchange);

    assertThat(user)
        .contains(
            new UserInfo(
                "alice",
                "uid-1",
                List.of("dev", "system:authenticated"),
                Map.of("scope", List.of("x"))));
  }

  @Test
  void doesNotDuplicateTheGroup() {
    UserInfo already = UserInfo.of("bob", List.of("system:authenticated", "dev"));

    assertThat(new AuthenticatedGroupAdder(e -> Optional.of(already)).authenticate(exchange))
        .contains(already);
  }

  @Test
  void leavesAnonymousAndUnauthenticatedUsersAlone() {
    UserInfo anonymous = UserInfo.of("system:anonymous", List.of("system:unauthenticated"));
    UserInfo unauthenticated = UserInfo.of("someone", List.of("system:unauthenticated"));

    assertThat(new AuthenticatedGroupAdder(e -> Optional.of(anonymous)).authenticate(exchange))
        .contains(anonymous);
    assertThat(
            new AuthenticatedGroupAdder(e -> Optional.of(unauthenticated)).authenticate(exchange))
        .contains(unauthenticated);
  }

  @Test
  void unrecognisedRequestStaysUnrecognised() {
    assertThat(new AuthenticatedGroupAdder(e -> Optional.empty()).authenticate(exchange)).isEmpty();
  }
}
