package io.kapi.pathrecorder;

import io.kapi.pathrecorder.PathRecorderMux.Match;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable hash table from path strings to pre-built matches that is probed with the hash and
 * length of a leading part of a request path, so that a lookup never allocates a substring.
 *
 * <p>Keys are hashed with {@link String#hashCode()}; a caller walking a path computes the same hash
 * of every leading part incrementally ({@code h = 31 * h + c}) and probes with it. A probe compares
 * the stored hash and length first and confirms with {@link String#startsWith}. A bitmap of key
 * lengths lets the caller skip probes for lengths no key has.
 */
final class PathTable {
  static final PathTable EMPTY = new PathTable(Map.of());

  /** Open-addressing slots, linear probing, at most half full; a null key marks an empty slot. */
  private final @Nullable String[] keys;

  private final int[] hashes;
  private final @Nullable Match[] matches;
  private final int mask;

  /** Bit {@code n % 64} of word {@code n / 64} is set when some key has length {@code n}. */
  private final long[] lengths;

  private final int maxLength;

  PathTable(Map<String, Match> entries) {
    int capacity = Integer.highestOneBit(Math.max(2, entries.size()) * 2 - 1) << 1;
    this.keys = new String[capacity];
    this.hashes = new int[capacity];
    this.matches = new Match[capacity];
    this.mask = capacity - 1;
    int max = 0;
    for (String key : entries.keySet()) {
      max = Math.max(max, key.length());
    }
    this.maxLength = max;
    this.lengths = new long[(max >>> 6) + 1];
    for (Map.Entry<String, Match> e : entries.entrySet()) {
      String key = e.getKey();
      int h = key.hashCode();
      int slot = spread(h) & mask;
      while (keys[slot] != null) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      hashes[slot] = h;
      matches[slot] = e.getValue();
      lengths[key.length() >>> 6] |= 1L << key.length();
    }
  }

  /** The length of the longest key, 0 if empty. */
  int maxLength() {
    return maxLength;
  }

  /** Whether some key has exactly {@code length} characters. */
  boolean hasLength(int length) {
    return length <= maxLength && (lengths[length >>> 6] & (1L << length)) != 0;
  }

  /**
   * Returns the match stored for the key equal to {@code path[0, length)}, or null if none; {@code
   * h} must be that substring's {@link String#hashCode()}.
   */
  @Nullable Match find(int h, String path, int length) {
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
