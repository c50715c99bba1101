package io.kapi.pathrecorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values are what Go's {@code strconv.Quote} returns for the same text (for the
 * lone-surrogate case: for the bytes of its generalized UTF-8 encoding).
 */
class GoQuoteTest {
  @Test
  void plainAsciiIsOnlyWrapped() {
    assertThat(GoQuote.quote("/api")).isEqualTo("\"/api\"");
    assertThat(GoQuote.quote("")).isEqualTo("\"\"");
    assertThat(GoQuote.quote("it's ~ fine {}")).isEqualTo("\"it's ~ fine {}\"");
  }

  @Test
  void quoteAndBackslashAreEscaped() {
    assertThat(GoQuote.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void controlCharactersWithShortEscapesUseThem() {
    assertThat(GoQuote.quote("\u0007\b\f\n\r\t\u000b")).isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\"");
  }

  @Test
  void otherControlCharactersAndDeleteAreHexEscaped() {
    assertThat(GoQuote.quote("\u0000\u001b\u001f\u007f")).isEqualTo("\"\\x00\\x1b\\x1f\\x7f\"");
  }

  @Test
  void printableNonAsciiIsKept() {
    assertThat(GoQuote.quote("héllo 世界 \uD83D\uDE00 \uFFFD"))
        .isEqualTo("\"héllo 世界 \uD83D\uDE00 \uFFFD\"");
  }

  @ParameterizedTest(name = "U+{0} -> {1}")
  @CsvSource({
    "00a0, \\u00a0", // no-break space (Zs): only the ASCII space counts as printable
    "0085, \\u0085", // C1 control
    "200b, \\u200b", // zero width space (Cf)
    "2028, \\u2028", // line separator (Zl)
    "feff, \\ufeff", // byte order mark (Cf)
    "e000, \\ue000", // private use (Co)
    "e0001, \\U000e0001", // language tag (Cf), outside the BMP
    "10ffff, \\U0010ffff", // noncharacter (Cn)
  })
  void nonPrintableCodePointsAreUnicodeEscaped(String hex, String expected) {
    String s = new StringBuilder().appendCodePoint(Integer.parseInt(hex, 16)).toString();

    assertThat(GoQuote.quote(s)).isEqualTo("\"" + expected + "\"");
  }

  @Test
  void loneSurrogatesAreQuotedAsInvalidBytes() {
    assertThat(GoQuote.quote("a\uD800b")).isEqualTo("\"a\\xed\\xa0\\x80b\"");
    assertThat(GoQuote.quote("\uDFFF")).isEqualTo("\"\\xed\\xbf\\xbf\"");
  }
}
