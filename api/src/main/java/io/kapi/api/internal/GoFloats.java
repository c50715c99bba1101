package io.kapi.api.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats floating-point numbers as Go does: {@link #format(double)} as {@code encoding/json} (the
 * shortest decimal that reads back to the same value, plain notation unless the magnitude is below
 * 1e-6 or at least 1e21, then {@code 1e+21}, {@code 1.5e-7}), so a float that upstream wrote reads
 * and writes back unchanged; {@link #formatV(double)} as {@code fmt}'s {@code %v}, which upstream's
 * error messages print.
 */
public final class GoFloats {
  private GoFloats() {}

  /**
   * Formats a float64.
   *
   * @throws IllegalArgumentException for NaN and infinities, which JSON cannot represent
   */
  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("json: unsupported value: " + value);
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    double abs = Math.abs(value);
    return layout(shortest(value), abs < 1e-6 || abs >= 1e21, false);
  }

  /**
   * Go's {@code %v} of a float64 ({@code %g} with the shortest digits): exponent form when the
   * decimal exponent is below -4 or at least 6, with at least two exponent digits ({@code 1e+06},
   * {@code 1e-05}); {@code NaN}, {@code +Inf}, {@code -Inf} as Go prints them.
   */
  public static String formatV(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    BigDecimal shortest = shortest(value).stripTrailingZeros();
    int exponent = shortest.precision() - 1 - shortest.scale();
    return layout(shortest, exponent < -4 || exponent >= 6, true);
  }

  /** The decimal with the fewest digits that reads back as {@code value}. */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == value) {
        return candidate;
      }
    }
    return exact;
  }

  /**
   * Formats a float32 (Go {@code float32}: same layout, shortest digits for single precision).
   *
   * @throws IllegalArgumentException for NaN and infinities
   */
  public static String format(float value) {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      throw new IllegalArgumentException("json: unsupported value: " + value);
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(value);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 9; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.floatValue() == value) {
        shortest = candidate;
        break;
      }
    }
    float abs = Math.abs(value);
    return layout(shortest, abs < 1e-6f || abs >= 1e21f, false);
  }

  /**
   * Plain or exponent notation; the exponent has at least two digits, except that {@code
   * encoding/json} trims a negative one to one digit ({@code 1e-7}) and {@code %v} does not
   * ({@code 1e-07}).
   */
  private static String layout(BigDecimal decimal, boolean exponent, boolean twoDigitNegative) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (!exponent) {
      return stripped.toPlainString();
    }
    String digits = stripped.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - stripped.scale();
    StringBuilder sb = new StringBuilder();
    if (stripped.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int absExp = Math.abs(exp);
    // Go writes at least two exponent digits, then encoding/json trims "e-07" to "e-7".
    if (absExp < 10 && (exp > 0 || twoDigitNegative)) {
      sb.append('0');
    }
    sb.append(absExp);
    return sb.toString();
  }
}
