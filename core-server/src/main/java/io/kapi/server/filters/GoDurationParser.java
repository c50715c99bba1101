package io.kapi.server.filters;

import org.jspecify.annotations.Nullable;

/** Parses Go duration strings such as {@code 32s}, {@code 1m30s}, {@code 500ms}, {@code 1.5h}. */
final class GoDurationParser {
  private GoDurationParser() {}

  /** The duration in milliseconds, or null when {@code text} is not a Go duration. */
  static @Nullable Long parseMillis(String text) {
    if (text.isEmpty()) {
      return null;
    }
    double total = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = i;
      while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
        i++;
      }
      if (start == i) {
        return null;
      }
      double value;
      try {
        value = Double.parseDouble(text.substring(start, i));
      } catch (NumberFormatException e) {
        return null;
      }
      int unitStart = i;
      while (i < n && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
        i++;
      }
      double unitMillis =
          switch (text.substring(unitStart, i)) {
            case "ns" -> 1e-6;
            case "us", "µs" -> 1e-3;
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> -1;
          };
      if (unitMillis < 0) {
        return null;
      }
      total += value * unitMillis;
    }
    return (long) Math.ceil(total);
  }
}
