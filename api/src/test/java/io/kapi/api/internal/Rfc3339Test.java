package io.kapi.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

  @Test
  void formatsSecondsInUtc() {
    assertThat(Rfc3339.format(Instant.parse("2024-01-01T10:00:00.999Z")))
        .isEqualTo("2024-01-01T10:00:00Z");
  }

  @Test
  void parsesOffsetsAndFractions() {
    assertThat(Rfc3339.parse("2024-01-01T11:30:00+01:30")).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    assertThat(Rfc3339.parse("2024-01-01T10:00:00.25Z")).isEqualTo(Instant.parse("2024-01-01T10:00:00.25Z"));
  }

  @Test
  void rejectsOtherFormats() {
    assertThatThrownBy(() -> Rfc3339.parse("2024-01-01 10:00:00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid RFC 3339 time \"2024-01-01 10:00:00\"");
  }
}
