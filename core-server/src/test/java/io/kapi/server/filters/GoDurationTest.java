package io.kapi.server.filters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void formatsLikeGo() {
    assertThat(GoDuration.format(0)).isEqualTo("0s");
    assertThat(GoDuration.format(999)).isEqualTo("999ns");
    assertThat(GoDuration.format(1_500)).isEqualTo("1.5µs");
    assertThat(GoDuration.format(9_213_611)).isEqualTo("9.213611ms");
    assertThat(GoDuration.format(33_802_702)).isEqualTo("33.802702ms");
    assertThat(GoDuration.format(2_000_000)).isEqualTo("2ms");
    assertThat(GoDuration.format(1_500_000_000L)).isEqualTo("1.5s");
    assertThat(GoDuration.format(62_000_000_000L)).isEqualTo("1m2s");
    assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
  }

  @Test
  void parsesGoDurations() {
    assertThat(GoDurationParser.parseMillis("32s")).isEqualTo(32_000L);
    assertThat(GoDurationParser.parseMillis("1m30s")).isEqualTo(90_000L);
    assertThat(GoDurationParser.parseMillis("500ms")).isEqualTo(500L);
    assertThat(GoDurationParser.parseMillis("1.5h")).isEqualTo(5_400_000L);
    assertThat(GoDurationParser.parseMillis("abc")).isNull();
    assertThat(GoDurationParser.parseMillis("10")).isNull();
    assertThat(GoDurationParser.parseMillis("")).isNull();
  }
}
