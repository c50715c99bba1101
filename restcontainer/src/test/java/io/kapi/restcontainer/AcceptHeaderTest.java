package io.kapi.restcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptHeaderTest {

  private static final List<MediaRange> JSON = List.of(range("application/json"));
  private static final List<MediaRange> JSON_AND_YAML =
      List.of(range("application/json"), range("application/yaml"));

  private static MediaRange range(String text) {
    MediaRange range = MediaRange.parse(text);
    assertThat(range).as(text).isNotNull();
    return range;
  }

  @Test
  void missingOrBlankHeaderAllowsEverything() {
    assertThat(AcceptHeader.parse(null).allowsAny(JSON)).isTrue();
    assertThat(AcceptHeader.parse("  ").allowsAny(JSON)).isTrue();
  }

  @Test
  void exactTypeMatchesCaseInsensitively() {
    assertThat(AcceptHeader.parse("Application/JSON").allowsAny(JSON)).isTrue();
    assertThat(AcceptHeader.parse("text/html").allowsAny(JSON)).isFalse();
  }

  @Test
  void anyEntryOfAListMayMatch() {
    assertThat(AcceptHeader.parse("text/html, application/yaml;q=0.5").allowsAny(JSON_AND_YAML))
        .isTrue();
    assertThat(AcceptHeader.parse("text/html,text/plain").allowsAny(JSON_AND_YAML)).isFalse();
  }

  @Test
  void wildcardsMatch() {
    assertThat(AcceptHeader.parse("*/*").allowsAny(JSON)).isTrue();
    assertThat(AcceptHeader.parse("application/*").allowsAny(JSON)).isTrue();
    assertThat(AcceptHeader.parse("text/*").allowsAny(JSON)).isFalse();
    assertThat(AcceptHeader.parse("*").allowsAny(JSON)).isTrue();
  }

  @Test
  void producedWildcardMatchesAnyRequest() {
    assertThat(AcceptHeader.parse("image/png").allowsAny(List.of(MediaRange.ANY))).isTrue();
  }

  @Test
  void parametersOtherThanQualityAreIgnored() {
    assertThat(
            AcceptHeader.parse("application/json;as=Table;v=v1;g=meta.k8s.io, application/json")
                .allowsAny(JSON))
        .isTrue();
    assertThat(AcceptHeader.parse("application/json;as=Table;v=v1;g=meta.k8s.io").ranges())
        .containsExactly(range("application/json"));
  }

  @Test
  void zeroQualityExcludes() {
    assertThat(AcceptHeader.parse("application/json;q=0").allowsAny(JSON)).isFalse();
    assertThat(AcceptHeader.parse("application/json; Q=0.0, text/html").allowsAny(JSON)).isFalse();
    assertThat(AcceptHeader.parse("application/json;q=0.001").allowsAny(JSON)).isTrue();
  }

  @Test
  void unreadableQualityCountsAsOne() {
    assertThat(AcceptHeader.parse("application/json;q=high").allowsAny(JSON)).isTrue();
  }

  @Test
  void malformedEntriesAreSkipped() {
    assertThat(AcceptHeader.parse("json, application/json").allowsAny(JSON)).isTrue();
    assertThat(AcceptHeader.parse("json").allowsAny(JSON)).isFalse();
    assertThat(AcceptHeader.parse("*/json").ranges()).isEmpty();
  }

  @Test
  void routeWithoutProducedTypesSatisfiesAnyHeader() {
    assertThat(AcceptHeader.parse("text/html").allowsAny(List.of())).isTrue();
  }
}
