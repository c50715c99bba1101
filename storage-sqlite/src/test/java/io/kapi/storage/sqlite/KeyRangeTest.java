package io.kapi.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyRangeTest {

  @Test
  void prefixEndIncrementsTheLastCharacter() {
    assertThat(KeyRange.prefixEnd("/registry/pods/")).isEqualTo("/registry/pods0");
    assertThat(KeyRange.prefixEnd("a")).isEqualTo("b");
  }

  @Test
  void emptyPrefixHasNoEnd() {
    assertThat(KeyRange.prefixEnd("")).isNull();
  }

  @Test
  void maximalCodePointsAreDroppedBeforeIncrementing() {
    String max = new String(Character.toChars(Character.MAX_CODE_POINT));
    assertThat(KeyRange.prefixEnd("a" + max)).isEqualTo("b");
    assertThat(KeyRange.prefixEnd(max)).isNull();
  }

  @Test
  void incrementSkipsTheSurrogateRange() {
    assertThat(KeyRange.prefixEnd("x\uD7FF")).isEqualTo("x\uE000");
  }

  @Test
  void containsMeansStartsWith() {
    KeyRange range = KeyRange.ofPrefix("/registry/pods/");
    assertThat(range.contains("/registry/pods/default/a")).isTrue();
    assertThat(range.contains("/registry/pods")).isFalse();
    assertThat(range.contains("/registry/podsx/a")).isFalse();
  }
}
