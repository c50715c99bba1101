package io.kapi.server.core.v1;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The key/value maps of configmaps and secrets: string values and base64 {@code []byte} values read
 * the way Go decodes them (a bad value fails the request with 400 as upstream's decoder does),
 * written back canonically in Go's key order, and checked with upstream's key and size rules.
 */
final class ConfigData {
  /** Upstream's {@code MaxSecretSize}, also the limit for configmaps. */
  static final int MAX_SIZE = 1024 * 1024;

  private ConfigData() {}

  /**
   * Requires every value of the map at {@code field} to be a string.
   *
   * @throws ApiException 400 if one is not
   */
  static void requireStrings(Unstructured object, String field) {
    ObjectNode map = Trees.object(object.object(), field);
    if (map == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      if (!e.getValue().isString() && !e.getValue().isNull()) {
        throw cannotHandle(
            object,
            "json: cannot unmarshal "
                + jsonKind(e.getValue())
                + " into Go struct field "
                + kind(object)
                + "."
                + field
                + " of type string");
      }
    }
  }

  /**
   * Decodes every base64 value of the map at {@code field} and writes it back canonically; sorts
   * the keys.
   *
   * @throws ApiException 400 if a value is not valid base64 or not a string
   */
  static void canonicalizeBytes(Unstructured object, String field) {
    ObjectNode map = Trees.object(object.object(), field);
    if (map == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : List.copyOf(map.properties())) {
      JsonNode value = e.getValue();
      if (value.isNull()) {
        continue;
      }
      if (!value.isString()) {
        throw cannotHandle(
            object,
            "json: cannot unmarshal "
                + jsonKind(value)
                + " into Go struct field "
                + kind(object)
                + "."
                + field
                + " of type []uint8");
      }
      try {
        map.put(e.getKey(), GoBase64.encode(GoBase64.decode(value.stringValue())));
      } catch (GoBase64.CorruptInputException bad) {
        throw cannotHandle(object, bad.getMessage());
      }
    }
    Trees.sortKeys(object.object(), field);
  }

  /** The total size in bytes of the values of the map at {@code field}. */
  static long size(Unstructured object, String field, boolean base64) {
    ObjectNode map = Trees.object(object.object(), field);
    long total = 0;
    if (map != null) {
      for (JsonNode value : map.values()) {
        if (!value.isString()) {
          continue;
        }
        total += base64 ? decodedLength(value.stringValue()) : utf8Length(value.stringValue());
      }
    }
    return total;
  }

  /** The key errors of the map at {@code field}, paths {@code field[key]}, keys in Go's order. */
  static void validateKeys(Unstructured object, String field, List<FieldError> errors) {
    for (String key : keys(object, field)) {
      Formats.configKey(key)
          .forEach(m -> errors.add(FieldError.invalid(field + "[" + key + "]", key, m)));
    }
  }

  /** The keys of the map at {@code field}, sorted. */
  static List<String> keys(Unstructured object, String field) {
    ObjectNode map = Trees.object(object.object(), field);
    return map == null ? List.of() : map.propertyNames().stream().sorted().toList();
  }

  /**
   * Upstream's update rule for an object stored with {@code immutable: true}: it stays immutable
   * and each map of {@code fields} keeps its entries; one {@code Forbidden} error per change.
   */
  static List<FieldError> immutableChanges(
      Unstructured object, Unstructured old, String... fields) {
    if (!Trees.bool(old.object(), "immutable")) {
      return List.of();
    }
    String reason = "field is immutable when `immutable` is set";
    List<FieldError> errors = new ArrayList<>();
    if (!Trees.bool(object.object(), "immutable")) {
      errors.add(FieldError.forbidden("immutable", reason));
    }
    for (String field : fields) {
      if (!sameMap(object, old, field)) {
        errors.add(FieldError.forbidden(field, reason));
      }
    }
    return errors;
  }

  /** Whether the maps at {@code field} of the two objects hold the same entries. */
  private static boolean sameMap(Unstructured a, Unstructured b, String field) {
    ObjectNode x = Trees.object(a.object(), field);
    ObjectNode y = Trees.object(b.object(), field);
    boolean xEmpty = x == null || x.isEmpty();
    boolean yEmpty = y == null || y.isEmpty();
    return xEmpty && yEmpty || Objects.equals(x, y);
  }

  /** The decoded bytes of a value, or null if absent or not base64. */
  static byte @Nullable [] bytes(Unstructured object, String field, String key) {
    ObjectNode map = Trees.object(object.object(), field);
    JsonNode value = map == null ? null : map.get(key);
    if (value == null || !value.isString()) {
      return null;
    }
    try {
      return GoBase64.decode(value.stringValue());
    } catch (GoBase64.CorruptInputException e) {
      return null;
    }
  }

  private static long decodedLength(String base64) {
    try {
      return GoBase64.decode(base64).length;
    } catch (GoBase64.CorruptInputException e) {
      return 0;
    }
  }

  static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** 400 {@code <Kind> in version "v1" cannot be handled as a <Kind>: <detail>}. */
  static ApiException cannotHandle(Unstructured object, String detail) {
    String kind = kind(object);
    return ApiErrors.badRequest(
        kind + " in version \"v1\" cannot be handled as a " + kind + ": " + detail);
  }

  private static String kind(Unstructured object) {
    String kind = object.getKind();
    return kind == null || kind.isEmpty() ? "Object" : kind;
  }

  private static String jsonKind(JsonNode node) {
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isArray()) {
      return "array";
    }
    return node.isObject() ? "object" : "string";
  }
}
