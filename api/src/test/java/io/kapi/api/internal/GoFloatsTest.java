package io.kapi.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoFloatsTest {

  @ParameterizedTest
  @CsvSource({
    "0.5, 0.5",
    "100, 100",
    "-0.0, -0",
    "0, 0",
    "1e21, 1e+21",
    "123456789e20, 1.23456789e+28",
    "1e20, 100000000000000000000",
    "0.000001, 0.000001",
    "0.0000001, 1e-7",
    "1.5e-100, 1.5e-100",
    "0.1, 0.1",
    "5e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "2.82879384806159E17, 282879384806159000"
  })
  void doublesUseTheShortestGoLayout(double value, String expected) {
    assertThat(GoFloats.format(value)).isEqualTo(expected);
  }

  @Test
  void floatsUseSinglePrecisionDigits() {
    assertThat(GoFloats.format(0.1f)).isEqualTo("0.1");
    assertThat(GoFloats.format(16777216f)).isEqualTo("16777216");
  }

  @Test
  void nonFiniteValuesAreRejected() {
    assertThatThrownBy(() -> GoFloats.format(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoFloats.format(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "%v of {0} is {1}")
  @CsvSource({
    "1.0, 1",
    "-2.5, -2.5",
    "100000.0, 100000",
    "123456.0, 123456",
    "1000000.0, 1e+06",
    "1234567.0, 1.234567e+06",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "-2.5e-7, -2.5e-07",
    "1e21, 1e+21",
    "1e100, 1e+100",
    "0.0, 0",
    "-0.0, -0",
    "608863452348.1149, 6.088634523481149e+11",
  })
  void percentVPrintsAsGoFmtDoes(double value, String printed) {
    assertThat(GoFloats.formatV(value)).isEqualTo(printed);
  }

  @Test
  void percentVPrintsNonFiniteValuesAsGo() {
    assertThat(GoFloats.formatV(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFloats.formatV(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFloats.formatV(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }
}
