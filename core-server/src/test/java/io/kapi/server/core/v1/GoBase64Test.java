package io.kapi.server.core.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoBase64Test {

  private static String decoded(String text) throws GoBase64.CorruptInputException {
    return new String(GoBase64.decode(text), StandardCharsets.UTF_8);
  }

  @Test
  void decodesPaddedInputAndSkipsLineBreaks() throws Exception {
    assertThat(decoded("aGVsbG8=")).isEqualTo("hello");
    assertThat(decoded("aGVs\r\nbG8=")).isEqualTo("hello");
    assertThat(decoded("aGk=")).isEqualTo("hi");
    assertThat(decoded("aA==")).isEqualTo("h");
    assertThat(decoded("")).isEmpty();
  }

  @Test
  void errorsNameTheOffsetGoReports() {
    assertBadAt("ab!d", 2);
    assertBadAt("abc", 0);
    assertBadAt("aGVsbG8", 4);
    assertBadAt("YWJj==", 4);
    assertBadAt("a===", 1);
    assertBadAt("aA=", 3);
    assertBadAt("aA=x", 2);
    assertBadAt("aGk=aGk=", 4);
  }

  private static void assertBadAt(String text, int offset) {
    assertThatThrownBy(() -> GoBase64.decode(text))
        .as(text)
        .hasMessage("illegal base64 data at input byte " + offset);
  }
}
