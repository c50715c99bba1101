package io.kapi.storage.sqlite;

import org.jspecify.annotations.Nullable;

/**
 * The key interval {@code [prefix, end)} holding every key that starts with a prefix, in SQLite's
 * {@code BINARY} order (UTF-8 bytes, which is code point order).
 */
record KeyRange(String start, @Nullable String end) {

  static KeyRange ofPrefix(String prefix) {
    return new KeyRange(prefix, prefixEnd(prefix));
  }

  boolean contains(String key) {
    return key.startsWith(start);
  }

  /**
   * The smallest string greater than every string starting with {@code prefix}: the prefix with its
   * last incrementable code point incremented, or {@code null} when there is none (empty prefix).
   */
  static @Nullable String prefixEnd(String prefix) {
    int end = prefix.length();
    while (end > 0) {
      int codePoint = prefix.codePointBefore(end);
      int start = end - Character.charCount(codePoint);
      if (codePoint < Character.MAX_CODE_POINT) {
        int next = codePoint + 1;
        if (next == Character.MIN_SURROGATE) {
          next = Character.MAX_SURROGATE + 1;
        }
        return new StringBuilder(start + 2)
            .append(prefix, 0, start)
            .appendCodePoint(next)
            .toString();
      }
      end = start;
    }
    return null;
  }
}
