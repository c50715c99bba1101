package io.kapi.server.endpoints;

import io.kapi.api.internal.GoStrings;
import org.jspecify.annotations.Nullable;

/**
 * Finds the first syntax error of a JSON document and words it as Go's {@code encoding/json}
 * scanner does ({@code unexpected end of JSON input}, {@code invalid character 'b' looking for
 * beginning of object key string}...), so decode errors read like upstream's.
 */
final class GoJsonSyntax {
  private final byte[] data;
  private int pos;

  private GoJsonSyntax(byte[] data) {
    this.data = data;
  }

  /** Go's message for the first syntax error of {@code data}, or null when it is valid JSON. */
  static @Nullable String firstError(byte[] data) {
    GoJsonSyntax scanner = new GoJsonSyntax(data);
    try {
      scanner.value();
      scanner.skipSpace();
      if (scanner.pos < data.length) {
        throw scanner.invalid("after top-level value");
      }
      return null;
    } catch (SyntaxError e) {
      return e.getMessage();
    }
  }

  /** Go's {@code UnmarshalTypeError} text for a top-level non-object decoded into a struct. */
  static @Nullable String topLevelKind(byte[] data) {
    GoJsonSyntax scanner = new GoJsonSyntax(data);
    scanner.skipSpace();
    if (scanner.pos >= data.length) {
      return null;
    }
    return switch (data[scanner.pos]) {
      case '[' -> "array";
      case '"' -> "string";
      case 't', 'f' -> "bool";
      case '{', 'n' -> null;
      default -> "number";
    };
  }

  private void value() {
    skipSpace();
    int c = next("looking for beginning of value");
    switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          number(c);
        } else {
          pos--;
          throw invalid("looking for beginning of value");
        }
      }
    }
  }

  private void object() {
    skipSpace();
    if (peek() == '}') {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (next("looking for beginning of object key string") != '"') {
        pos--;
        throw invalid("looking for beginning of object key string");
      }
      string();
      skipSpace();
      if (next("after object key") != ':') {
        pos--;
        throw invalid("after object key");
      }
      value();
      skipSpace();
      int c = next("after object key:value pair");
      if (c == '}') {
        return;
      }
      if (c != ',') {
        pos--;
        throw invalid("after object key:value pair");
      }
    }
  }

  private void array() {
    skipSpace();
    if (peek() == ']') {
      pos++;
      return;
    }
    while (true) {
      value();
      skipSpace();
      int c = next("after array element");
      if (c == ']') {
        return;
      }
      if (c != ',') {
        pos--;
        throw invalid("after array element");
      }
    }
  }

  private void string() {
    while (true) {
      int c = next("in string literal");
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        pos--;
        throw invalid("in string literal");
      }
      if (c == '\\') {
        int e = next("in string escape code");
        if (e == 'u') {
          for (int i = 0; i < 4; i++) {
            int h = next("in \\u hexadecimal character escape");
            if (Character.digit(h, 16) < 0) {
              pos--;
              throw invalid("in \\u hexadecimal character escape");
            }
          }
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          pos--;
          throw invalid("in string escape code");
        }
      }
    }
  }

  private void literal(String word) {
    for (int i = 1; i < word.length(); i++) {
      String context = "in literal " + word + " (expecting '" + word.charAt(i) + "')";
      if (next(context) != word.charAt(i)) {
        pos--;
        throw invalid(context);
      }
    }
  }

  private void number(int first) {
    if (first == '-') {
      int c = next("in numeric literal");
      if (c < '0' || c > '9') {
        pos--;
        throw invalid("in numeric literal");
      }
      first = c;
    }
    if (first != '0') {
      digits();
    }
    if (peek() == '.') {
      pos++;
      int c = next("after decimal point in numeric literal");
      if (c < '0' || c > '9') {
        pos--;
        throw invalid("after decimal point in numeric literal");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      int c = next("in exponent of numeric literal");
      if (c == '+' || c == '-') {
        c = next("in exponent of numeric literal");
      }
      if (c < '0' || c > '9') {
        pos--;
        throw invalid("in exponent of numeric literal");
      }
      digits();
    }
  }

  private void digits() {
    while (pos < data.length && data[pos] >= '0' && data[pos] <= '9') {
      pos++;
    }
  }

  private void skipSpace() {
    while (pos < data.length
        && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\n' || data[pos] == '\r')) {
      pos++;
    }
  }

  private int peek() {
    return pos < data.length ? data[pos] & 0xff : -1;
  }

  /** The next byte; the end of input is Go's {@code unexpected end of JSON input}. */
  private int next(String context) {
    if (pos >= data.length) {
      throw new SyntaxError("unexpected end of JSON input");
    }
    return data[pos++] & 0xff;
  }

  private SyntaxError invalid(String context) {
    return new SyntaxError(
        "invalid character " + GoStrings.quoteChar(data[pos] & 0xff) + " " + context);
  }

  private static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }
}
