package io.kapi.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metadata.name=foo|metadata.name=foo",
        "a==b|a=b",
        "b!=x,a=y|a=y,b!=x",
        "a=b,,c=d|a=b,c=d",
        "x=a\\,b|x=a\\,b",
        "x=a\\=b\\\\|x=a\\=b\\\\",
        "a!=|a!=",
        "=x|=x"
      })
  void parsedSelectorsPrintCanonically(String input, String canonical) {
    assertThat(FieldSelector.parse(input).toString()).isEqualTo(canonical);
  }

  @Test
  void requirementsExposeOperatorsAndUnescapedValues() {
    FieldSelector selector = FieldSelector.parse("spec.x!=a\\,b,metadata.name==web");
    assertThat(selector.requirements())
        .containsExactly(
            new FieldRequirement("metadata.name", Operator.EQUALS, "web"),
            new FieldRequirement("spec.x", Operator.NOT_EQUALS, "a,b"));
    assertThat(selector.requiresExactMatch("metadata.name")).contains("web");
    assertThat(selector.requiresExactMatch("spec.x")).isEmpty();
  }

  @Test
  void matchingTreatsMissingFieldsAsEmpty() {
    Map<String, String> fields = Map.of("metadata.name", "web", "metadata.namespace", "default");
    assertThat(FieldSelector.parse("metadata.name=web").matches(fields)).isTrue();
    assertThat(FieldSelector.parse("metadata.name=db").matches(fields)).isFalse();
    assertThat(FieldSelector.parse("metadata.name!=db,metadata.namespace=default").matches(fields)).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName=").matches(fields)).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(fields)).isFalse();
    assertThat(FieldSelector.parse("metadata.name==web").matches(f -> null)).isFalse();
  }

  @Test
  void everythingNothingAndComposition() {
    assertThat(FieldSelector.parse("")).isEqualTo(FieldSelector.everything());
    assertThat(FieldSelector.everything().isEmpty()).isTrue();
    assertThat(FieldSelector.everything().matches(Map.of())).isTrue();
    assertThat(FieldSelector.nothing().matches(Map.of())).isFalse();
    assertThat(FieldSelector.nothing().matchesNothing()).isTrue();
    FieldSelector both =
        FieldSelector.and(
            FieldSelector.oneTermEqual("metadata.name", "a=b"),
            FieldSelector.oneTermNotEqual("status.phase", "Failed"));
    assertThat(both.toString()).isEqualTo("metadata.name=a\\=b,status.phase!=Failed");
    assertThat(both.matches(Map.of("metadata.name", "a=b", "status.phase", "Running"))).isTrue();
    assertThat(FieldSelector.and(both, FieldSelector.nothing()).matchesNothing()).isTrue();
  }

  @Test
  void termsWithoutOperatorAreRejectedWithUpstreamMessage() {
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name=x,oops"))
        .isInstanceOf(InvalidSelectorException.class)
        .hasMessage("invalid selector: 'metadata.name=x,oops'; can't understand 'oops'");
  }

  @Test
  void badEscapesAreRejectedWithUpstreamMessages() {
    assertThatThrownBy(() -> FieldSelector.parse("x=a=b"))
        .hasMessage("invalid field selector: unescaped character in value: 61");
    assertThatThrownBy(() -> FieldSelector.parse("x=a\\qb"))
        .hasMessage("invalid field selector: invalid escape sequence: \\q");
    assertThatThrownBy(() -> FieldSelector.parse("x=a\\"))
        .hasMessage("invalid field selector: invalid escape sequence: \\");
  }

  @Test
  void escapeAndUnescapeAreInverse() {
    String raw = "a\\b,c=d";
    assertThat(FieldSelector.escapeValue(raw)).isEqualTo("a\\\\b\\,c\\=d");
    assertThat(FieldSelector.unescapeValue(FieldSelector.escapeValue(raw))).isEqualTo(raw);
    assertThat(FieldSelector.unescapeValue("plain")).isEqualTo("plain");
  }

  @Test
  void fieldRequirementsSupportOnlyEquality() {
    assertThatThrownBy(() -> new FieldRequirement("a", Operator.IN, "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field selectors support only = and !=, not in");
  }
}
