package io.kapi.api.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The wire form of {@code metav1.Time}: RFC 3339 with second precision in UTC ({@code
 * 2024-01-01T10:00:00Z}); parsing also accepts offsets and fractions, as Go's {@code time.Parse}.
 */
public final class Rfc3339 {
  private Rfc3339() {}

  /** Formats {@code instant} truncated to seconds, in UTC with a {@code Z} suffix. */
  public static String format(Instant instant) {
    checkNotNull(instant, "instant");
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Parses an RFC 3339 date-time, e.g. {@code 2024-01-01T10:00:00Z} or {@code
   * 2024-01-01T12:00:00.5+02:00}.
   *
   * @throws IllegalArgumentException if {@code text} is not RFC 3339
   */
  public static Instant parse(String text) {
    checkNotNull(text, "text");
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid RFC 3339 time " + GoStrings.quote(text) + " (expected e.g. \"2024-01-01T10:00:00Z\")",
          e);
    }
  }

  /** {@code instant} truncated to the precision the wire keeps (seconds). */
  public static Instant truncate(Instant instant) {
    checkNotNull(instant, "instant");
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
