package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A field error's bad value that upstream prints with Go's {@code %#v} (a slice or a struct): its
 * {@code toString} is that text, so {@code FieldError.body()} shows it unquoted.
 */
record GoValue(String text) {

  GoValue {
    checkNotNull(text, "text");
  }

  /** {@code []string{"a", "b"}}; an empty list is Go's nil slice, {@code []string(nil)}. */
  static GoValue stringSlice(List<String> values) {
    if (values.isEmpty()) {
      return new GoValue("[]string(nil)");
    }
    return new GoValue(
        "[]string{" + values.stream().map(GoValue::quote).collect(Collectors.joining(", ")) + "}");
  }

  /**
   * A {@code core.ServicePort} holding only a protocol and a port, as the duplicate check prints
   * it.
   */
  static GoValue servicePortKey(String protocol, long port) {
    return new GoValue(
        "core.ServicePort{Name:\"\", Protocol:"
            + quote(protocol)
            + ", AppProtocol:(*string)(nil), Port:"
            + port
            + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}");
  }

  /** Go's {@code %q}: double quotes, backslash escapes for quotes and control characters. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
