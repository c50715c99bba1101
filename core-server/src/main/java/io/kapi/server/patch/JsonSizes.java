package io.kapi.server.patch;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The size of a JSON value as Go's {@code json.Marshal} writes it (compact, HTML-safe escapes),
 * computed without recursion so that no document is too deep to measure.
 */
final class JsonSizes {
  private JsonSizes() {}

  static long encodedSize(JsonValue root) {
    long size = 0;
    Deque<JsonValue> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      JsonValue value = pending.pop();
      switch (value.getValueType()) {
        case OBJECT -> {
          JsonObject object = (JsonObject) value;
          // braces, a colon per member, commas between members
          size += 2 + object.size() + Math.max(0, object.size() - 1);
          for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            size += stringSize(e.getKey());
            pending.push(e.getValue());
          }
        }
        case ARRAY -> {
          JsonArray array = (JsonArray) value;
          size += 2 + Math.max(0, array.size() - 1);
          for (JsonValue element : array) {
            pending.push(element);
          }
        }
        case STRING -> size += stringSize(((JsonString) value).getString());
        case TRUE, NULL -> size += 4;
        case FALSE -> size += 5;
        case NUMBER -> size += value.toString().length();
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
