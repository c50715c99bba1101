package io.kapi.server.registry;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.internal.GoStrings;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Continue tokens exactly as upstream's {@code storage/continue.go}: base64 (raw URL alphabet, no
 * padding) of {@code {"v":"meta.k8s.io/v1","rv":<revision>,"start":"<key after the list prefix>"}},
 * where start is the last returned key plus {@code \0} and revision {@code -1} means "continue at
 * the latest revision" (handed out when the original revision was compacted).
 */
final class ContinueTokens {
  static final String VERSION = "meta.k8s.io/v1";
  private static final String INVALID = "continue key is not valid";

  private ContinueTokens() {}

  /** A decoded token: the absolute key to start at and the revision to list at (-1: latest). */
  record Position(String startKey, long revision) {}

  /** The token continuing at {@code nextKey} (absolute, below {@code prefix}) at {@code revision}. */
  static String encode(String nextKey, String prefix, long revision) {
    if (!nextKey.startsWith(prefix)) {
      throw new IllegalArgumentException(nextKey + " is not below " + prefix);
    }
    ObjectNode token = JsonNodeFactory.instance.objectNode();
    token.put("v", VERSION);
    token.put("rv", revision);
    token.put("start", nextKey.substring(prefix.length()));
    byte[] json = ApiCodec.json().encode(token);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(java.util.Arrays.copyOf(json, json.length - 1));
  }

  /**
   * Decodes {@code token} for a list under {@code prefix}.
   *
   * @throws ApiException 400 {@code invalid continue token: continue key is not valid: ...}
   */
  static Position decode(String token, String prefix) {
    byte[] data = base64(token);
    JsonNode node;
    try {
      node = ApiCodec.json().decode(data, JsonNode.class);
    } catch (RuntimeException e) {
      throw invalid(INVALID + ": " + jsonSyntaxError(data));
    }
    if (!(node instanceof ObjectNode object)) {
      throw invalid(
          INVALID
              + ": json: cannot unmarshal "
              + kindOf(node)
              + " into Go value of type storage.continueToken");
    }
    String version = stringField(object, "v");
    long revision = longField(object, "rv");
    String start = stringField(object, "start");
    if (!version.equals(VERSION)) {
      throw invalid(INVALID + ": server does not recognize this encoded version " + version);
    }
    if (revision == 0) {
      throw invalid(
          INVALID + ": incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
    if (start.isEmpty()) {
      throw invalid(INVALID + ": encoded start key empty (version meta.k8s.io/v1)");
    }
    String key = start.startsWith("/") ? start : "/" + start;
    if (!cleanPath(key).equals(key)) {
      throw invalid(INVALID + ": " + start);
    }
    return new Position(prefix + key.substring(1), revision);
  }

  private static ApiException invalid(String detail) {
    return ApiErrors.badRequest("invalid continue token: " + detail);
  }

  private static byte[] base64(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw invalid(INVALID + ": illegal base64 data at input byte " + i);
      }
    }
    if (token.length() % 4 == 1) {
      throw invalid(INVALID + ": illegal base64 data at input byte " + (token.length() - 1));
    }
    return Base64.getUrlDecoder().decode(token);
  }

  private static String stringField(ObjectNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isString()) {
      throw invalid(
          INVALID
              + ": json: cannot unmarshal "
              + kindOf(value)
              + " into Go struct field continueToken."
              + field
              + " of type string");
    }
    return value.stringValue();
  }

  private static long longField(ObjectNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid(
          INVALID
              + ": json: cannot unmarshal "
              + kindOf(value)
              + " into Go struct field continueToken."
              + field
              + " of type int64");
    }
    return value.longValue();
  }

  private static String kindOf(JsonNode node) {
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isString()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return node.isNumber() ? "number" : "null";
  }

  /** Go's {@code encoding/json} wording for the common syntax errors. */
  private static String jsonSyntaxError(byte[] data) {
    int i = 0;
    while (i < data.length
        && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) {
      i++;
    }
    if (i == data.length) {
      return "unexpected end of JSON input";
    }
    int c = data[i] & 0xff;
    if ("{[\"-0123456789tfn".indexOf(c) < 0) {
      return "invalid character " + GoStrings.quoteChar(c) + " looking for beginning of value";
    }
    return "invalid JSON";
  }


  /** Go's {@code path.Clean} for absolute paths. */
  static String cleanPath(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(segment);
      }
    }
    return "/" + String.join("/", parts);
  }
}
