package io.kapi.server.patch;

import static io.kapi.server.patch.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class GoValuesTest {

  @Test
  void mapsPrintWithSortedKeysAndSlicesWithSpaces() {
    assertThat(GoValues.v(json("{'b':[1,'x',true,null],'a':{'d':2.5,'c':'y'}}")))
        .isEqualTo("map[a:map[c:y d:2.5] b:[1 x true <nil>]]");
  }

  @Test
  void verbSMarksValuesThatAreNotStrings() {
    assertThat(GoValues.s(json("'delete'"))).isEqualTo("delete");
    assertThat(GoValues.s(json("3"))).isEqualTo("%!s(int64=3)");
    assertThat(GoValues.s(json("0.5"))).isEqualTo("%!s(float64=0.5)");
    assertThat(GoValues.s(json("false"))).isEqualTo("%!s(bool=false)");
    assertThat(GoValues.s(JsonNodeFactory.instance.nullNode())).isEqualTo("%!s(<nil>)");
    assertThat(GoValues.s(json("{'a':1}"))).isEqualTo("map[a:%!s(int64=1)]");
  }

  @Test
  void equalityFollowsGoTypes() {
    assertThat(GoValues.equal(json("1"), json("1"))).isTrue();
    assertThat(GoValues.equal(json("1"), json("1.0"))).isFalse(); // int64 vs float64
    assertThat(GoValues.equal(json("-0.0"), json("0.0"))).isTrue();
    assertThat(GoValues.equal(json("'1'"), json("1"))).isFalse();
    assertThat(GoValues.equal(json("{'a':[1,{'b':null}]}"), json("{'a':[1,{'b':null}]}"))).isTrue();
    assertThat(GoValues.equal(json("{'a':[1]}"), json("{'a':[2]}"))).isFalse();
    assertThat(GoValues.key(json("-0.0"))).isEqualTo(GoValues.key(json("0.0")));
    assertThat(GoValues.key(json("{'a':[1,2]}"))).isEqualTo(GoValues.key(json("{'a':[1,2]}")));
    assertThat(GoValues.key(json("{'a':[1,2]}"))).isNotEqualTo(GoValues.key(json("{'a':[2,1]}")));
  }

  @Test
  void goTypeNamesOfDecodedValues() {
    assertThat(GoValues.kind(json("{}")).typeName()).isEqualTo("map[string]interface {}");
    assertThat(GoValues.kind(json("[]")).typeName()).isEqualTo("[]interface {}");
    assertThat(GoValues.kind(json("12345678901")).typeName()).isEqualTo("int64");
    assertThat(GoValues.kind(json("123456789012345678901234")).typeName()).isEqualTo("float64");
  }

  @Test
  void quoteEscapesAsGoDoes() {
    assertThat(GoValues.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\x01\"");
  }
}
