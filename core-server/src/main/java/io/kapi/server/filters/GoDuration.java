package io.kapi.server.filters;

/** Formats a duration like Go's {@code time.Duration.String()}: {@code 9.213611ms}, {@code 1.5s}, {@code 2m3s}. */
final class GoDuration {
  private GoDuration() {}

  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    if (nanos < 0) {
      b.append('-');
      nanos = -nanos;
    }
    if (nanos < 1_000L) {
      return b.append(nanos).append("ns").toString();
    }
    if (nanos < 1_000_000L) {
      return b.append(fraction(nanos, 1_000L)).append("µs").toString();
    }
    if (nanos < 1_000_000_000L) {
      return b.append(fraction(nanos, 1_000_000L)).append("ms").toString();
    }
    long hours = nanos / 3_600_000_000_000L;
    long rest = nanos % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    rest = rest % 60_000_000_000L;
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      b.append(minutes).append('m');
    }
    return b.append(fraction(rest, 1_000_000_000L)).append('s').toString();
  }

  /** {@code value / unit} with the remainder as decimals, trailing zeros dropped. */
  private static String fraction(long value, long unit) {
    long whole = value / unit;
    long remainder = value % unit;
    if (remainder == 0) {
      return Long.toString(whole);
    }
    int digits = Long.toString(unit).length() - 1;
    StringBuilder decimals = new StringBuilder(Long.toString(remainder));
    while (decimals.length() < digits) {
      decimals.insert(0, '0');
    }
    int end = decimals.length();
    while (end > 0 && decimals.charAt(end - 1) == '0') {
      end--;
    }
    return whole + "." + decimals.substring(0, end);
  }
}
