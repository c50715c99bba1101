package io.kapi.server.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void formatsLikeGo() {
    assertThat(GoDuration.format(0)).isEqualTo("0s");
    assertThat(GoDuration.format(999)).isEqualTo("999ns");
    assertThat(GoDuration.format(1_500)).isEqualTo("1.5\u00b5s");
    assertThat(GoDuration.format(1_000_000)).isEqualTo("1ms");
    assertThat(GoDuration.format(1_500_000_000L)).isEqualTo("1.5s");
    assertThat(GoDuration.format(60_000_000_000L)).isEqualTo("1m0s");
    assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(3_723_000_000_001L)).isEqualTo("1h2m3.000000001s");
    assertThat(GoDuration.format(-90_000_000_000L)).isEqualTo("-1m30s");
    assertThat(GoDuration.format(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
  }
}
