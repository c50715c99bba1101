package io.kapi.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
  private static final String VALUE_RULE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  private static final String NAME_RULE =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  @ParameterizedTest
  @ValueSource(
      strings = {"x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"})
  void goodSelectorsPrintBackWithoutSpaces(String selector) {
    assertThat(LabelSelector.parse(selector).toString()).isEqualTo(selector.replace(" ", ""));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "x in (b,a)|x in (a,b)",
        "x notin ()|x notin ()",
        "x in (foo,,baz),y,z notin ()|x in (,baz,foo),y,z notin ()",
        "x in (a,a)|x in (a)",
        "  env   ==  prod |env==prod",
        "z=1,a=2,m|a=2,m,z=1",
        "example.com/tier in (fe)|example.com/tier in (fe)",
        "x in (,a)|x in (,a)",
        "x in (a,)|x in (,a)"
      })
  void selectorsHaveACanonicalForm(String input, String canonical) {
    assertThat(LabelSelector.parse(input).toString()).isEqualTo(canonical);
  }

  @Test
  void parsingIsDeterministic() {
    assertThat(LabelSelector.parse("x=a,a=x")).isEqualTo(LabelSelector.parse("a=x,x=a"));
    assertThat(LabelSelector.parse("x=a,a=x").toString()).isEqualTo("a=x,x=a");
  }

  @Test
  void everyOperatorIsParsedToItsRequirement() {
    List<LabelRequirement> rs =
        LabelSelector.parse("a=1,b==2,c!=3,d in (4,5),e notin (6),f,!g,h>7,i<8").requirements();
    assertThat(rs)
        .extracting(LabelRequirement::operator)
        .containsExactly(
            Operator.EQUALS,
            Operator.DOUBLE_EQUALS,
            Operator.NOT_EQUALS,
            Operator.IN,
            Operator.NOT_IN,
            Operator.EXISTS,
            Operator.DOES_NOT_EXIST,
            Operator.GREATER_THAN,
            Operator.LESS_THAN);
    assertThat(rs.get(3).values()).containsExactly("4", "5");
    assertThat(rs.get(5).values()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|true",
        "x=y|true",
        "x=y,z=w|false",
        "x==y|true",
        "x!=z|true",
        "x!=y|false",
        "missing!=y|true",
        "x in (a,y)|true",
        "x in (a,b)|false",
        "missing in (a)|false",
        "x notin (a,b)|true",
        "x notin (y)|false",
        "missing notin (y)|true",
        "x|true",
        "missing|false",
        "!missing|true",
        "!x|false",
        "n>1|true",
        "n>2|false",
        "n<3|true",
        "n<2|false",
        "x>1|false",
        "missing<5|false",
        "n>-1a|false"
      })
  void matchesLikeUpstream(String selector, boolean expected) {
    Map<String, String> labels = Map.of("x", "y", "n", "2");
    if (selector.equals("n>-1a")) {
      assertThatThrownBy(() -> LabelSelector.parse(selector)).isInstanceOf(InvalidSelectorException.class);
      return;
    }
    assertThat(LabelSelector.parse(selector).matches(labels)).isEqualTo(expected);
  }

  @Test
  void inAndNotinAreWordsWhereValuesAreExpected() {
    assertThat(LabelSelector.parse("notin=in").matches(Map.of("notin", "in"))).isTrue();
    assertThat(LabelSelector.parse("x in (in,notin)").requirements().get(0).values())
        .containsExactly("in", "notin");
  }

  @Test
  void everythingAndNothing() {
    assertThat(LabelSelector.everything().matches(Map.of("x", "y"))).isTrue();
    assertThat(LabelSelector.everything().isEmpty()).isTrue();
    assertThat(LabelSelector.parse("")).isEqualTo(LabelSelector.everything());
    assertThat(LabelSelector.nothing().matches(Map.of())).isFalse();
    assertThat(LabelSelector.nothing().isEmpty()).isFalse();
    assertThat(LabelSelector.nothing().matchesNothing()).isTrue();
    assertThat(LabelSelector.nothing().toString()).isEmpty();
  }

  @Test
  void fromSetRequiresEveryLabel() {
    LabelSelector selector = LabelSelector.fromSet(Map.of("b", "2", "a", "1"));
    assertThat(selector.toString()).isEqualTo("a=1,b=2");
    assertThat(selector.matches(Map.of("a", "1", "b", "2", "c", "3"))).isTrue();
    assertThat(selector.matches(Map.of("a", "1"))).isFalse();
    assertThat(LabelSelector.fromSet(Map.of()).isEmpty()).isTrue();
    assertThatThrownBy(() -> LabelSelector.fromSet(Map.of("a", "not valid")))
        .isInstanceOf(InvalidSelectorException.class);
  }

  @Test
  void addKeepsRequirementsSortedByKey() {
    LabelSelector selector =
        LabelSelector.parse("z=1").add(LabelRequirement.of("a", Operator.EXISTS, List.of()));
    assertThat(selector.toString()).isEqualTo("a,z=1");
  }

  @Test
  void requiresExactMatchReportsSingleValueEqualityAndIn() {
    LabelSelector selector = LabelSelector.parse("a=1,b in (2),c in (3,4),d!=5,e==6");
    assertThat(selector.requiresExactMatch("a")).contains("1");
    assertThat(selector.requiresExactMatch("b")).contains("2");
    assertThat(selector.requiresExactMatch("c")).isEmpty();
    assertThat(selector.requiresExactMatch("d")).isEmpty();
    assertThat(selector.requiresExactMatch("e")).contains("6");
    assertThat(selector.requiresExactMatch("f")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "x==a==b|found '==', expected: ',' or 'end of string'",
        "!x=a|found '=', expected: ',' or 'end of string'",
        "x<a|unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
        "x in|unable to parse requirement: found '' expected: '('",
        "x in )|unable to parse requirement: found ')' expected: '('",
        "x in (a|unable to parse requirement: found '', expected: ',' or ')'",
        "x in (a b)|unable to parse requirement: found 'b', expected: ',' or ')'",
        "x in (=)|unable to parse requirement: found '=', expected: ',', ')' or identifier",
        "x in (a,=)|unable to parse requirement: found '=', expected: ',', or identifier",
        "x y|unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt",
        "x=(a)|unable to parse requirement: found '(', expected: identifier",
        ",x|found ',', expected: !, identifier, or 'end of string'",
        "x,|found '', expected: identifier after ','",
        "x,,y|found ',', expected: identifier after ','",
        "!|unable to parse requirement: found '', expected: identifier",
        "!=x|found '!=', expected: !, identifier, or 'end of string'",
        ")|found ')', expected: !, identifier, or 'end of string'"
      })
  void parseErrorsUseUpstreamMessages(String selector, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(selector))
        .isInstanceOf(InvalidSelectorException.class)
        .hasMessage(message);
  }

  @Test
  void invalidValuesAreReportedWithUpstreamValidationMessages() {
    assertThatThrownBy(() -> LabelSelector.parse("x=a||y=b"))
        .hasMessage("unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + VALUE_RULE);
    String tooLong = "a".repeat(64);
    assertThatThrownBy(() -> LabelSelector.parse("x=" + tooLong))
        .hasMessage(
            "unable to parse requirement: values[0][x]: Invalid value: \"" + tooLong
                + "\": must be no more than 63 bytes");
    assertThatThrownBy(() -> LabelSelector.parse("x>-1"))
        .hasMessage("unable to parse requirement: values[0][x]: Invalid value: \"-1\": " + VALUE_RULE);
    assertThatThrownBy(() -> LabelSelector.parse("x>1a-"))
        .hasMessage(
            "unable to parse requirement: [values[0]: Invalid value: \"1a-\": for 'Gt', 'Lt'"
                + " operators, the value must be an integer, values[0][x]: Invalid value: \"1a-\": "
                + VALUE_RULE + "]");
  }

  @Test
  void invalidKeysAreReportedWithANilFieldPathAsUpstream() {
    assertThatThrownBy(() -> LabelSelector.parse("-x=a"))
        .hasMessage("unable to parse requirement: <nil>: Invalid value: \"-x\": name part " + NAME_RULE);
    assertThatThrownBy(() -> LabelSelector.parse("/x"))
        .hasMessage("unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty");
    assertThatThrownBy(() -> LabelSelector.parse("Example.com/x"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a"
                + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                + " '-' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    assertThatThrownBy(() -> LabelSelector.parse("a/b/c"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key "
                + NAME_RULE
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    String longName = "k".repeat(64);
    assertThatThrownBy(() -> LabelSelector.parse(longName))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"" + longName
                + "\": name part must be no more than 63 bytes");
    assertThatThrownBy(() -> LabelSelector.parse("x/"))
        .hasMessage(
            "unable to parse requirement: <nil>: Invalid value: \"x/\": name part must be non-empty;"
                + " name part " + NAME_RULE);
  }

  @Test
  void requirementFactoryValidatesValueCountsLikeNewRequirement() {
    assertThatThrownBy(() -> LabelRequirement.of("x", Operator.IN, List.of()))
        .hasMessage("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
    assertThatThrownBy(() -> LabelRequirement.of("x", Operator.EQUALS, List.of("bar", "foo")))
        .hasMessage(
            "values: Invalid value: [\"bar\",\"foo\"]: exact-match compatibility requires one single value");
    assertThatThrownBy(() -> LabelRequirement.of("x", Operator.EXISTS, List.of("foo")))
        .hasMessage(
            "values: Invalid value: [\"foo\"]: values set must be empty for exists and does not exist");
    assertThatThrownBy(() -> LabelRequirement.of("x", Operator.GREATER_THAN, List.of()))
        .hasMessage("values: Invalid value: []: for 'Gt', 'Lt' operators, exactly one value is required");
    assertThatThrownBy(() -> LabelRequirement.of("", Operator.EXISTS, List.of()))
        .hasMessage(
            "key: Invalid value: \"\": name part must be non-empty; name part " + NAME_RULE);
    assertThat(LabelRequirement.of("x", Operator.NOT_IN, List.of("b", "a")).toString())
        .isEqualTo("x notin (a,b)");
  }
}
