package io.kapi.pathrecorder;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable lookup table of {@code /}-terminated prefixes that finds the longest registered
 * prefix of a path without allocating.
 *
 * <p>Every registered prefix ends in {@code /}, so the prefixes that can match a path are exactly
 * {@code path[0..i]} for each position {@code i} of a {@code /} in the path, and the longest of them
 * is also the one with the most {@code /} characters: the one kube-apiserver's priority order
 * ({@code byPrefixPriority}: more slashes, then longer, then reverse lexicographic) tries first.
 *
 * <p>A lookup walks the path once, computing {@link String#hashCode()} of each leading substring
 * incrementally; at each {@code /} whose length is a registered prefix length it probes an
 * open-addressing table keyed by that hash and confirms a hit with {@link String#startsWith}. The
 * last hit of the walk is the longest match. Cost: one pass over at most {@link #maxLength}
 * characters plus one probe per candidate {@code /}, independent of the number of prefixes.
 */
final class PrefixTable {
  static final PrefixTable EMPTY = new PrefixTable(Map.of());

  /** Open-addressing slots; {@code keys[i] == null} marks an empty slot. */
  private final @Nullable String[] keys;

  private final int[] hashes;
  private final PathRecorderMux.@Nullable Match[] matches;
  private final int mask;

  /** Bit {@code n} is set when some prefix has length {@code n}; {@code lengths.length * 64 > maxLength}. */
  private final long[] lengths;

  private final int maxLength;

  /** Builds the table; each value is the pre-built match returned for its key. */
  PrefixTable(Map<String, PathRecorderMux.Match> prefixes) {
    int capacity = Integer.highestOneBit(Math.max(2, prefixes.size()) * 2 - 1) << 1;
    this.keys = new String[capacity];
    this.hashes = new int[capacity];
    this.matches = new PathRecorderMux.Match[capacity];
    this.mask = capacity - 1;
    int max = 0;
    for (String prefix : prefixes.keySet()) {
      max = Math.max(max, prefix.length());
    }
    this.maxLength = max;
    this.lengths = new long[(max >>> 6) + 1];
    for (Map.Entry<String, PathRecorderMux.Match> e : prefixes.entrySet()) {
      String prefix = e.getKey();
      int h = prefix.hashCode();
      int slot = spread(h) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = prefix;
      hashes[slot] = h;
      matches[slot] = e.getValue();
      lengths[prefix.length() >>> 6] |= 1L << prefix.length();
    }
  }

  /** Returns the match of the longest registered prefix of {@code path}, or null if none. */
  PathRecorderMux.@Nullable Match longestPrefixOf(String path) {
    int limit = Math.min(path.length(), maxLength);
    PathRecorderMux.Match best = null;
    int h = 0;
    for (int i = 0; i < limit; i++) {
      char c = path.charAt(i);
      h = 31 * h + c;
      if (c == '/') {
        int length = i + 1;
        if ((lengths[length >>> 6] & (1L << length)) != 0) {
          PathRecorderMux.Match found = find(h, path, length);
          if (found != null) {
            best = found;
          }
        }
      }
    }
    return best;
  }

  /** Probes for the key equal to {@code path[0..length)}, whose hash code is {@code h}. */
  private PathRecorderMux.@Nullable Match find(int h, String path, int length) {
    int slot = spread(h) & mask;
    String key;
    while ((key = keys[slot]) != null) {
      if (hashes[slot] == h && key.length() == length && path.startsWith(key)) {
        return matches[slot];
      }
      slot = (slot + 1) & mask;
    }
    return null;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
