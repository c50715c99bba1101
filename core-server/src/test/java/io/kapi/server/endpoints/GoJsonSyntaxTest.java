package io.kapi.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.internal.GoStrings;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoJsonSyntaxTest {
  private static String error(String json) {
    return GoJsonSyntax.firstError(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void validDocumentsHaveNoError() {
    assertThat(error("{\"a\":[1,-2.5e+3,true,false,null,\"x\\u00e9\\n\"]} ")).isNull();
    assertThat(error("[]")).isNull();
    assertThat(error("0")).isNull();
  }

  @Test
  void truncatedInputIsUnexpectedEnd() {
    assertThat(error("")).isEqualTo("unexpected end of JSON input");
    assertThat(error("{\"kind\":")).isEqualTo("unexpected end of JSON input");
    assertThat(error("[1,")).isEqualTo("unexpected end of JSON input");
    assertThat(error("\"abc")).isEqualTo("unexpected end of JSON input");
  }

  @Test
  void invalidCharactersNameTheScannerState() {
    assertThat(error("{bad"))
        .isEqualTo("invalid character 'b' looking for beginning of object key string");
    assertThat(error("{\"a\" 1}")).isEqualTo("invalid character '1' after object key");
    assertThat(error("{\"a\":1 \"b\"}"))
        .isEqualTo("invalid character '\"' after object key:value pair");
    assertThat(error("[1 2]")).isEqualTo("invalid character '2' after array element");
    assertThat(error("x")).isEqualTo("invalid character 'x' looking for beginning of value");
    assertThat(error("tru ")).isEqualTo("invalid character ' ' in literal true (expecting 'e')");
    assertThat(error("-x")).isEqualTo("invalid character 'x' in numeric literal");
    assertThat(error("1.e"))
        .isEqualTo("invalid character 'e' after decimal point in numeric literal");
    assertThat(error("\"\\q\"")).isEqualTo("invalid character 'q' in string escape code");
    assertThat(error("{} x")).isEqualTo("invalid character 'x' after top-level value");
    assertThat(error("\"a\tb\"")).isEqualTo("invalid character '\\t' in string literal");
  }

  @Test
  void charactersAreQuotedLikeGo() {
    assertThat(GoStrings.quoteChar('\'')).isEqualTo("'\\''");
    assertThat(GoStrings.quoteChar('"')).isEqualTo("'\"'");
    assertThat(GoStrings.quoteChar(0x01)).isEqualTo("'\\x01'");
    assertThat(GoStrings.quoteChar(0x81)).isEqualTo("'\\u0081'");
    assertThat(GoStrings.quoteChar(0xe9)).isEqualTo("'é'");
  }

  @Test
  void topLevelKindNamesNonObjects() {
    assertThat(GoJsonSyntax.topLevelKind("[]".getBytes(StandardCharsets.UTF_8))).isEqualTo("array");
    assertThat(GoJsonSyntax.topLevelKind(" \"s\"".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("string");
    assertThat(GoJsonSyntax.topLevelKind("12".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("number");
    assertThat(GoJsonSyntax.topLevelKind("true".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("bool");
    assertThat(GoJsonSyntax.topLevelKind("{}".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(GoJsonSyntax.topLevelKind("null".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void yamlErrorsLoseTheSourceExcerpt() {
    assertThat(
            Bodies.goYamlProblem(
                "yaml: mapping values are not allowed here\n in reader, line 1, column 5:\n"
                    + "    a: b: c\n        ^\n (line 1, column 5)"))
        .isEqualTo("yaml: line 1: mapping values are not allowed in this context");
    assertThat(Bodies.goYamlProblem("something else")).isEqualTo("something else");
  }
}
