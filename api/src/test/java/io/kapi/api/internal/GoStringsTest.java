package io.kapi.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoStringsTest {

  @Test
  void quoteEscapesLikeGoPercentQ() {
    assertThat(GoStrings.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(GoStrings.quote("\n\t\u0007\u0001\u007f")).isEqualTo("\"\\n\\t\\a\\x01\\x7f\"");
    assertThat(GoStrings.quote("café")).isEqualTo("\"café\"");
    assertThat(GoStrings.quote("\u200b")).isEqualTo("\"\\u200b\"");
  }

  @Test
  void jsonStringArrayIsGoMarshalOutput() {
    assertThat(GoStrings.jsonStringArray(List.of())).isEqualTo("[]");
    assertThat(GoStrings.jsonStringArray(List.of("a", "<b>"))).isEqualTo("[\"a\",\"\\u003cb\\u003e\"]");
  }

  @Test
  void utf8LengthCountsBytes() {
    assertThat(GoStrings.utf8Length("abc")).isEqualTo(3);
    assertThat(GoStrings.utf8Length("é")).isEqualTo(2);
    assertThat(GoStrings.utf8Length("日")).isEqualTo(3);
    assertThat(GoStrings.utf8Length("😀")).isEqualTo(4);
  }
}
