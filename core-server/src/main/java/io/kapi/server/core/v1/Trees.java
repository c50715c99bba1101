package io.kapi.server.core.v1;

import io.kapi.api.unstructured.Unstructured;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes of the JSON trees of core objects that tolerate absent or mistyped fields. */
final class Trees {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Trees() {}

  /** The object at {@code field} of {@code parent}, or null if absent or not an object. */
  static @Nullable ObjectNode object(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node instanceof ObjectNode o ? o : null;
  }

  /** The object at {@code path} of {@code u}, or null. */
  static @Nullable ObjectNode object(Unstructured u, String... path) {
    JsonNode node = u.getNested(path);
    return node instanceof ObjectNode o ? o : null;
  }

  /** The object at {@code field} of {@code parent}, created (replacing a non-object) if needed. */
  static ObjectNode objectForWrite(ObjectNode parent, String field) {
    JsonNode node = parent.get(field);
    return node instanceof ObjectNode o ? o : parent.putObject(field);
  }

  /** The object at {@code path} of {@code u}, created on the way if needed. */
  static ObjectNode objectForWrite(Unstructured u, String... path) {
    ObjectNode current = u.object();
    for (String field : path) {
      current = objectForWrite(current, field);
    }
    return current;
  }

  /** The elements of the array at {@code field} that are objects, in order; empty if absent. */
  static List<ObjectNode> objects(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    List<ObjectNode> out = new ArrayList<>();
    if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        if (element instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  /** The size of the array or object at {@code field}, 0 if absent or scalar. */
  static int size(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node != null && node.isContainer() ? node.size() : 0;
  }

  /** The strings of the array at {@code field}; non-strings are skipped. */
  static List<String> strings(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    List<String> out = new ArrayList<>();
    if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        if (element.isString()) {
          out.add(element.stringValue());
        }
      }
    }
    return out;
  }

  /** The string at {@code field}, {@code ""} if absent or not a string (Go's zero value). */
  static String string(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node != null && node.isString() ? node.stringValue() : "";
  }

  /** The string at {@code path} of {@code u}, {@code ""} if absent. */
  static String string(Unstructured u, String... path) {
    String value = u.getNestedString(path);
    return value == null ? "" : value;
  }

  /** The integer at {@code field}, 0 if absent or not an integral number (Go's zero value). */
  static long integer(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node != null && node.isIntegralNumber() ? node.longValue() : 0;
  }

  /** Whether {@code field} holds an integral number. */
  static boolean hasInteger(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node != null && node.isIntegralNumber();
  }

  /** Whether {@code field} is present and not null. */
  static boolean present(@Nullable JsonNode parent, String field) {
    return parent != null && parent.hasNonNull(field);
  }

  /** The boolean at {@code field}, false if absent. */
  static boolean bool(@Nullable JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node != null && node.isBoolean() && node.booleanValue();
  }

  /** The string-valued entries of the object at {@code field}, sorted by key (Go's map order). */
  static Map<String, String> stringMap(@Nullable JsonNode parent, String field) {
    ObjectNode map = object(parent, field);
    Map<String, String> out = new TreeMap<>();
    if (map != null) {
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        if (e.getValue().isString()) {
          out.put(e.getKey(), e.getValue().stringValue());
        }
      }
    }
    return out;
  }

  /** Sets {@code field} to {@code value} unless it already holds a non-empty value. */
  static void defaultString(ObjectNode node, String field, String value) {
    if (string(node, field).isEmpty()) {
      node.put(field, value);
    }
  }

  /** Rewrites the object at {@code field} with its keys sorted, as Go writes maps. */
  static void sortKeys(ObjectNode parent, String field) {
    ObjectNode map = object(parent, field);
    if (map == null || map.size() < 2) {
      return;
    }
    Map<String, JsonNode> sorted = new TreeMap<>();
    map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
    map.removeAll();
    sorted.forEach(map::set);
  }

  /** An RFC 3339 time (seconds or fractions), or null if absent or malformed. */
  static @Nullable Instant time(@Nullable JsonNode parent, String field) {
    String text = string(parent, field);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A JSON array of the strings. */
  static ArrayNode stringArray(List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
