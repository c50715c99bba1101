package io.kapi.server.schema;

import static io.kapi.server.schema.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoValuesTest {
  @Test
  void floatsPrintLikeGoPercentV() {
    assertThat(GoValues.formatFloat(1.0)).isEqualTo("1");
    assertThat(GoValues.formatFloat(-2.5)).isEqualTo("-2.5");
    assertThat(GoValues.formatFloat(123456.0)).isEqualTo("123456");
    assertThat(GoValues.formatFloat(1e6)).isEqualTo("1e+06");
    assertThat(GoValues.formatFloat(1234567.0)).isEqualTo("1.234567e+06");
    assertThat(GoValues.formatFloat(0.0001)).isEqualTo("0.0001");
    assertThat(GoValues.formatFloat(0.00001)).isEqualTo("1e-05");
    assertThat(GoValues.formatFloat(1e100)).isEqualTo("1e+100");
    assertThat(GoValues.formatFloat(0.0)).isEqualTo("0");
  }

  @Test
  void jsonFloatsPrintLikeGoJsonMarshal() {
    assertThat(GoValues.jsonFloat(1e6)).isEqualTo("1000000");
    assertThat(GoValues.jsonFloat(2.5)).isEqualTo("2.5");
    assertThat(GoValues.jsonFloat(1e21)).isEqualTo("1e+21");
    assertThat(GoValues.jsonFloat(1e-7)).isEqualTo("1e-7");
  }

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
