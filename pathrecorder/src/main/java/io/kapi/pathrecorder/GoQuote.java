package io.kapi.pathrecorder;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Quotes a string the way Go's {@code strconv.Quote} (and so {@code fmt}'s {@code %q}) does, so log
 * lines read exactly like kube-apiserver's.
 *
 * <ul>
 *   <li>the result is wrapped in double quotes; {@code "} and {@code \} are backslash-escaped;
 *   <li>{@code \a \b \f \n \r \t \v} use their short escapes;
 *   <li>other control characters and DEL become {@code \xNN};
 *   <li>other non-printable code points become <code>&#92;uNNNN</code>, or
 *       <code>&#92;UNNNNNNNN</code> outside the Basic Multilingual Plane;
 *   <li>printable characters, ASCII or not, are kept as they are. "Printable" follows Go's {@code
 *       strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space.
 * </ul>
 *
 * <p>Go strings are bytes, Java strings are UTF-16. A lone surrogate, which has no valid UTF-8
 * encoding, is quoted as the three bytes of its generalized UTF-8 form, each as {@code \xNN}: what
 * Go prints for such bytes.
 */
public final class GoQuote {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoQuote() {}

  /**
   * Returns {@code s} quoted as Go's {@code strconv.Quote(s)} would, e.g. {@code /api} becomes
   * {@code "/api"} and a tab becomes {@code "\t"}.
   */
  public static String quote(String s) {
    checkNotNull(s, "s");
    if (isPlainAscii(s)) {
      return '"' + s + '"';
    }
    StringBuilder b = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (Character.isSurrogate(s.charAt(i)) && width == 1) {
        appendInvalidBytes(b, cp);
      } else {
        appendRune(b, cp);
      }
      i += width;
    }
    return b.append('"').toString();
  }

  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static void appendRune(StringBuilder b, int cp) {
    if (cp == '"' || cp == '\\') {
      b.append('\\').append((char) cp);
      return;
    }
    if (isPrint(cp)) {
      b.appendCodePoint(cp);
      return;
    }
    switch (cp) {
      case 0x07 -> b.append("\\a");
      case '\b' -> b.append("\\b");
      case '\f' -> b.append("\\f");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case 0x0b -> b.append("\\v");
      default -> {
        if (cp < ' ' || cp == 0x7f) {
          b.append("\\x");
          appendHex(b, cp, 2);
        } else if (cp < 0x10000) {
          b.append("\\u");
          appendHex(b, cp, 4);
        } else {
          b.append("\\U");
          appendHex(b, cp, 8);
        }
      }
    }
  }

  /**
   * A lone surrogate: its three generalized-UTF-8 bytes, each as Go would print an invalid byte.
   */
  private static void appendInvalidBytes(StringBuilder b, int surrogate) {
    int[] bytes = {
      0xe0 | (surrogate >>> 12), 0x80 | ((surrogate >>> 6) & 0x3f), 0x80 | (surrogate & 0x3f)
    };
    for (int v : bytes) {
      b.append("\\x");
      appendHex(b, v, 2);
    }
  }

  private static void appendHex(StringBuilder b, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      b.append(HEX[(value >>> shift) & 0xf]);
    }
  }

  /** Go's {@code strconv.IsPrint}: categories L, M, N, P, S, plus U+0020. */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
              Character.LOWERCASE_LETTER,
              Character.TITLECASE_LETTER,
              Character.MODIFIER_LETTER,
              Character.OTHER_LETTER,
              Character.NON_SPACING_MARK,
              Character.ENCLOSING_MARK,
              Character.COMBINING_SPACING_MARK,
              Character.DECIMAL_DIGIT_NUMBER,
              Character.LETTER_NUMBER,
              Character.OTHER_NUMBER,
              Character.CONNECTOR_PUNCTUATION,
              Character.DASH_PUNCTUATION,
              Character.START_PUNCTUATION,
              Character.END_PUNCTUATION,
              Character.INITIAL_QUOTE_PUNCTUATION,
              Character.FINAL_QUOTE_PUNCTUATION,
              Character.OTHER_PUNCTUATION,
              Character.MATH_SYMBOL,
              Character.CURRENCY_SYMBOL,
              Character.MODIFIER_SYMBOL,
              Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
