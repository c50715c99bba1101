package io.kapi.api.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/** Go's text conventions that appear in upstream error messages ({@code %q}, {@code len}). */
public final class GoStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoStrings() {}

  /** Go's {@code %q} of a string: double-quoted with Go escapes for quotes and control characters. */
  public static String quote(String s) {
    checkNotNull(s, "s");
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0b -> sb.append("\\v");
        default -> appendPrintable(sb, cp);
      }
    }
    return sb.append('"').toString();
  }

  private static void appendPrintable(StringBuilder sb, int cp) {
    if (cp < 0x20 || cp == 0x7f) {
      sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
    } else if (Character.isISOControl(cp)
        || Character.getType(cp) == Character.FORMAT
        || Character.getType(cp) == Character.SURROGATE
        || Character.getType(cp) == Character.UNASSIGNED) {
      if (cp > 0xffff) {
        sb.append(String.format("\\U%08x", cp));
      } else {
        sb.append(String.format("\\u%04x", cp));
      }
    } else {
      sb.appendCodePoint(cp);
    }
  }

  /** A JSON array of strings as Go's {@code json.Marshal} writes it, e.g. {@code ["a","b"]}. */
  public static String jsonStringArray(List<String> values) {
    checkNotNull(values, "values");
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      appendJsonString(sb, values.get(i));
    }
    return sb.append(']').toString();
  }

  /**
   * Appends {@code s} as Go's {@code json.Marshal} writes a string: quoted, with {@code <}, {@code
   * >}, {@code &}, U+2028 and U+2029 escaped as <code>&#92;u00XX</code> (HTML-safe) and other
   * control characters as their short escapes or <code>&#92;u00XX</code>.
   */
  public static void appendJsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int j = 0; j < s.length(); j++) {
      char c = s.charAt(j);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Go's {@code len(s)}: the number of bytes of the UTF-8 encoding. */
  public static int utf8Length(String s) {
    checkNotNull(s, "s");
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /**
   * Go's {@code encoding/json} {@code quoteChar}: one byte as a rune in single quotes, escaped like
   * {@code strconv.Quote} (C0 controls as backslash-x, C1 controls as backslash-u), as in Go's JSON
   * syntax errors ({@code invalid character 'x' ...}).
   */
  public static String quoteChar(int c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String escaped =
        switch (c) {
          case 0x07 -> "\\a";
          case 0x08 -> "\\b";
          case 0x0c -> "\\f";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case 0x0b -> "\\v";
          case '\\' -> "\\\\";
          default -> {
            if (c < 0x20 || c == 0x7f) {
              yield String.format("\\x%02x", c);
            }
            if ((c >= 0x80 && c < 0xa0) || c == 0xad) {
              yield String.format("\\u%04x", c);
            }
            yield String.valueOf((char) c);
          }
        };
    return "'" + escaped + "'";
  }
}
