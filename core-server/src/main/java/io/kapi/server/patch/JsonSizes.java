package io.kapi.server.patch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The size of a JSON value as Go's {@code json.Marshal} writes it (compact, HTML-safe escapes),
 * computed without recursion so that no document is too deep to measure.
 */
final class JsonSizes {
  private JsonSizes() {}

  static long encodedSize(JsonNode root) {
    long size = 0;
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      JsonNode value = pending.pop();
      if (value.isObject()) {
        // braces, a colon per member, commas between members
        size += 2 + value.size() + Math.max(0, value.size() - 1);
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          size += stringSize(e.getKey());
          pending.push(e.getValue());
        }
      } else if (value.isArray()) {
        size += 2 + Math.max(0, value.size() - 1);
        for (JsonNode element : value) {
          pending.push(element);
        }
      } else if (value.isString()) {
        size += stringSize(value.stringValue());
      } else if (value.isBoolean()) {
        size += value.booleanValue() ? 4 : 5;
      } else if (value.isNull()) {
        size += 4;
      } else {
        size += value.asString().length();
      }
    }
    return size;
  }

  /** The quoted, escaped UTF-8 length of {@code s}. */
  static long stringSize(String s) {
    long size = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
        size += 2;
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
        size += 6;
      } else if (c < 0x80) {
        size += 1;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        size += 4;
        i++;
      } else {
        size += 3;
      }
    }
    return size;
  }
}
