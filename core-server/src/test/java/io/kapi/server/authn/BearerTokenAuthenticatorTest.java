package io.kapi.server.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {
  private static final UserInfo ADMIN = UserInfo.of("kapi-admin", List.of("system:masters"));
  private static final UserInfo VIEWER = UserInfo.of("viewer", List.of());

  private final BearerTokenAuthenticator authenticator =
      new BearerTokenAuthenticator(Map.of("admin-token", ADMIN, "viewer-token", VIEWER));

  @Test
  void validTokenYieldsItsUser() {
    assertThat(authenticate("Bearer admin-token")).contains(ADMIN);
    assertThat(authenticate("Bearer viewer-token")).contains(VIEWER);
  }

  @Test
  void wrongTokenIsNotRecognised() {
    assertThat(authenticate("Bearer admin-tokem")).isEmpty();
    assertThat(authenticate("Bearer admin-token-and-more")).isEmpty();
    assertThat(authenticate("Bearer admin")).isEmpty();
  }

  @Test
  void schemeIsCaseInsensitive() {
    assertThat(authenticate("bearer admin-token")).contains(ADMIN);
    assertThat(authenticate("BEARER admin-token")).contains(ADMIN);
  }

  @Test
  void surroundingWhitespaceAndTrailingPartsAreIgnored() {
    assertThat(authenticate("  Bearer admin-token  ")).contains(ADMIN);
    assertThat(authenticate("Bearer admin-token extra")).contains(ADMIN);
  }

  @Test
  void requestsWithoutBearerTokenAreNotRecognised() {
    assertThat(authenticate(null)).isEmpty();
    assertThat(authenticate("Basic YWRtaW46cGFzcw==")).isEmpty();
    assertThat(authenticate("Bearer")).isEmpty();
    assertThat(authenticate("Bearer  admin-token")).isEmpty();
    assertThat(authenticate("admin-token")).isEmpty();
  }

  @Test
  void successfulAuthenticationRemovesTheCredentialFromTheRequest() {
    HttpServerExchange exchange = exchange("Bearer admin-token");

    assertThat(authenticator.authenticate(exchange)).contains(ADMIN);
    assertThat(exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)).isFalse();
  }

  @Test
  void failedAuthenticationLeavesTheHeaderForOtherAuthenticators() {
    HttpServerExchange exchange = exchange("Bearer unknown");

    assertThat(authenticator.authenticate(exchange)).isEmpty();
    assertThat(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))
        .isEqualTo("Bearer unknown");
  }

  @Test
  void rejectsTokensThatCannotAppearInAHeader() {
    assertThatThrownBy(() -> new BearerTokenAuthenticator(Map.of("", ADMIN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kapi-admin");
    assertThatThrownBy(() -> new BearerTokenAuthenticator(Map.of("a b", ADMIN)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Optional<UserInfo> authenticate(String authorization) {
    return authenticator.authenticate(exchange(authorization));
  }

  private static HttpServerExchange exchange(String authorization) {
    HttpServerExchange exchange = new HttpServerExchange(null);
    if (authorization != null) {
      exchange.getRequestHeaders().put(Headers.AUTHORIZATION, authorization);
    }
    return exchange;
  }
}
