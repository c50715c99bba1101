package io.kapi.server.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnionAuthenticatorTest {
  private final HttpServerExchange exchange = new HttpServerExchange(null);

  @Test
  void firstAuthenticatorThatRecognisesTheRequestWins() {
    List<String> asked = new ArrayList<>();
    UnionAuthenticator union =
        new UnionAuthenticator(
            List.of(
                recording(asked, "none", Optional.empty()),
                recording(asked, "first", Optional.of(UserInfo.of("first", List.of()))),
                recording(asked, "second", Optional.of(UserInfo.of("second", List.of())))));

    assertThat(union.authenticate(exchange)).map(UserInfo::name).contains("first");
    assertThat(asked).containsExactly("none", "first");
  }

  @Test
  void noAuthenticatorRecognisingTheRequestYieldsEmpty() {
    UnionAuthenticator union =
        new UnionAuthenticator(List.of(e -> Optional.empty(), e -> Optional.empty()));

    assertThat(union.authenticate(exchange)).isEmpty();
    assertThat(new UnionAuthenticator(List.of()).authenticate(exchange)).isEmpty();
  }

  private static Authenticator recording(
      List<String> asked, String name, Optional<UserInfo> result) {
    return e -> {
      asked.add(name);
      return result;
    };
  }
}
