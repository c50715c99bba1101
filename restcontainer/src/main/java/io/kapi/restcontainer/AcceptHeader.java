package io.kapi.restcontainer;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The media ranges an {@code Accept} header allows: the comma-separated entries with a quality
 * above zero, parameters other than {@code q} ignored. A missing or blank header allows
 * everything; entries that are not media ranges are skipped, so a header made only of such
 * entries (or only of {@code q=0} entries) allows nothing.
 */
final class AcceptHeader {

  private static final AcceptHeader ANYTHING = new AcceptHeader(ImmutableList.of(MediaRange.ANY));

  private final ImmutableList<MediaRange> ranges;

  private AcceptHeader(ImmutableList<MediaRange> ranges) {
    this.ranges = ranges;
  }

  static AcceptHeader parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return ANYTHING;
    }
    ImmutableList.Builder<MediaRange> ranges = ImmutableList.builder();
    int start = 0;
    while (start <= header.length()) {
      int comma = header.indexOf(',', start);
      int end = comma < 0 ? header.length() : comma;
      String entry = header.substring(start, end);
      MediaRange range = MediaRange.parse(entry);
      if (range != null && quality(entry) > 0) {
        ranges.add(range);
      }
      start = end + 1;
    }
    return new AcceptHeader(ranges.build());
  }

  /** The {@code q} parameter of {@code entry}, 1 when absent or unreadable. */
  private static double quality(String entry) {
    int semicolon = entry.indexOf(';');
    while (semicolon >= 0) {
      int next = entry.indexOf(';', semicolon + 1);
      String parameter =
          (next < 0 ? entry.substring(semicolon + 1) : entry.substring(semicolon + 1, next)).trim();
      int equals = parameter.indexOf('=');
      if (equals > 0
          && parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("q")) {
        try {
          return Double.parseDouble(parameter.substring(equals + 1).trim());
        } catch (NumberFormatException e) {
          return 1;
        }
      }
      semicolon = next;
    }
    return 1;
  }

  /** Whether a route producing {@code produced} can answer; a route producing nothing can. */
  boolean allowsAny(List<MediaRange> produced) {
    if (produced.isEmpty()) {
      return true;
    }
    for (MediaRange range : ranges) {
      for (MediaRange type : produced) {
        if (range.overlaps(type)) {
          return true;
        }
      }
    }
    return false;
  }

  ImmutableList<MediaRange> ranges() {
    return ranges;
  }
}
