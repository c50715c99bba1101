package io.kapi.restcontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.kapi.restcontainer.PathTemplate.Segment;
import io.kapi.restcontainer.PathTemplate.SegmentKind;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

  @Test
  void emptyAndSlashAreTheRoot() {
    assertThat(PathTemplate.parse("").segments()).isEmpty();
    assertThat(PathTemplate.parse("/").segments()).isEmpty();
    assertThat(PathTemplate.parse("").shape()).isEqualTo(PathTemplate.parse("/").shape());
  }

  @Test
  void parsesLiteralsParametersAndWildcard() {
    PathTemplate template = PathTemplate.parse("/namespaces/{namespace}/proxy/{path:*}");

    assertThat(template.segments())
        .containsExactly(
            new Segment(SegmentKind.LITERAL, "namespaces"),
            new Segment(SegmentKind.PARAMETER, "namespace"),
            new Segment(SegmentKind.LITERAL, "proxy"),
            new Segment(SegmentKind.WILDCARD, "path"));
    assertThat(template.parameterNames()).containsExactly("namespace", "path");
    assertThat(template.literalCount()).isEqualTo(2);
    assertThat(template.parameterCount()).isEqualTo(2);
    assertThat(template.source()).isEqualTo("/namespaces/{namespace}/proxy/{path:*}");
  }

  @Test
  void shapeIgnoresParameterNames() {
    assertThat(PathTemplate.parse("/a/{x}/{rest:*}").shape())
        .isEqualTo(PathTemplate.parse("/a/{y}/{other:*}").shape())
        .isEqualTo("/a/{}/{*}");
    assertThat(PathTemplate.parse("/a/{x}").shape())
        .isNotEqualTo(PathTemplate.parse("/a/{x:*}").shape());
  }

  @Test
  void rejectsMissingLeadingSlash() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PathTemplate.parse("pods"))
        .withMessageContaining("pods");
  }

  @Test
  void rejectsTrailingSlashAndEmptySegments() {
    assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/pods/"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PathTemplate.parse("/a//b"))
        .withMessageContaining("empty segment");
  }

  @Test
  void rejectsWildcardBeforeLastSegment() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PathTemplate.parse("/{path:*}/status"))
        .withMessageContaining("{path:*}");
  }

  @Test
  void rejectsRegularExpressionParameters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PathTemplate.parse("/zip/{code:[0-9]+}"))
        .withMessageContaining("{code:[0-9]+}");
  }

  @Test
  void rejectsParameterMixedWithLiteralText() {
    assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/v{version}"));
    assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{name}:scale"));
    assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{a}{b}"));
    assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{}"));
    assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{a b}"));
  }

  @Test
  void rejectsDuplicateParameterNames() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PathTemplate.parse("/{name}/x/{name}"))
        .withMessageContaining("twice");
  }
}
