package io.kapi.server.protobuf;

/** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
final class GoDuration {
  private GoDuration() {}

  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    // Long.MIN_VALUE has no positive counterpart; unsigned arithmetic covers it
    long u = nanos < 0 ? -nanos : nanos;
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      if (u < 1_000L) {
        return sign + u + "ns";
      }
      if (u < 1_000_000L) {
        return sign + fraction(u, 3) + "\u00b5s";
      }
      return sign + fraction(u, 6) + "ms";
    }
    long secondsTotal = Long.divideUnsigned(u, 1_000_000_000L);
    long subSecond = Long.remainderUnsigned(u, 1_000_000_000L);
    long hours = secondsTotal / 3600;
    long minutes = secondsTotal / 60 % 60;
    long seconds = secondsTotal % 60;
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    out.append(fraction(seconds * 1_000_000_000L + subSecond, 9)).append('s');
    return out.toString();
  }

  /** {@code value / 10^digits} with the fraction's trailing zeros (and a bare dot) dropped. */
  private static String fraction(long value, int digits) {
    long scale = (long) Math.pow(10, digits);
    String frac = String.format("%0" + digits + "d", value % scale).replaceAll("0+$", "");
    return (value / scale) + (frac.isEmpty() ? "" : "." + frac);
  }
}
