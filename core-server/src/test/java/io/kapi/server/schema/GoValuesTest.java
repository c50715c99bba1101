package io.kapi.server.schema;

import static io.kapi.server.schema.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoValuesTest {
  @Test
  void sharpVPrintsDecodedJsonAsGoLiterals() {
    assertThat(GoValues.sharpV(parse("{'b':[1,'x',null],'a':{'c':true,'d':1.5}}")))
        .isEqualTo(
            "map[string]interface {}{\"a\":map[string]interface {}{\"c\":true, \"d\":1.5},"
                + " \"b\":[]interface {}{1, \"x\", interface {}(nil)}}");
  }

  @Test
  void errorValuesKeepStringsAndIntegers() {
    assertThat(GoValues.errorValue(parse("'x'"))).isEqualTo("x");
    assertThat(GoValues.errorValue(parse("12"))).isEqualTo(12L);
    assertThat(GoValues.errorValue(parse("null"))).isNull();
    assertThat(GoValues.errorValue(parse("2.0"))).hasToString("2");
  }

  @Test
  void quoteEscapesLikeStrconv() {
    assertThat(GoValues.quote("a\"b\\c\n\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\x01é\"");
  }

  @Test
  void jsonSortsKeysAndEscapesHtml() {
    assertThat(GoValues.json(parse("{'b':'<x>','a':[1,2.5]}")))
        .isEqualTo("{\"a\":[1,2.5],\"b\":\"\\u003cx\\u003e\"}");
  }
}
