package io.kapi.server.openapi;

import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Visits every schema object of a JSON schema tree: the schema itself, then (after the visitor ran,
 * so it may rewrite them) the subschemas under {@code properties}, {@code patternProperties},
 * {@code additionalProperties}, {@code items}, {@code allOf}, {@code anyOf}, {@code oneOf} and
 * {@code not}. Values that are data rather than schemas ({@code default}, {@code example}, {@code
 * enum}, extensions) are never visited, so a property named {@code nullable} or a default holding a
 * {@code $ref} key is left alone.
 */
final class SchemaWalker {
  private static final List<String> SCHEMA_MAPS = List.of("properties", "patternProperties");
  private static final List<String> SCHEMA_ARRAYS = List.of("allOf", "anyOf", "oneOf");
  private static final List<String> SCHEMA_VALUES = List.of("additionalProperties", "items", "not");

  private SchemaWalker() {}

  /** Calls {@code visitor} on {@code schema} and each subschema, parents first. */
  static void walk(JsonNode schema, Consumer<ObjectNode> visitor) {
    if (!(schema instanceof ObjectNode object)) {
      return;
    }
    visitor.accept(object);
    for (String key : SCHEMA_MAPS) {
      JsonNode map = object.get(key);
      if (map != null && map.isObject()) {
        for (JsonNode child : map.values()) {
          walk(child, visitor);
        }
      }
    }
    for (String key : SCHEMA_ARRAYS) {
      JsonNode array = object.get(key);
      if (array != null && array.isArray()) {
        for (JsonNode child : array) {
          walk(child, visitor);
        }
      }
    }
    for (String key : SCHEMA_VALUES) {
      JsonNode value = object.get(key);
      if (value != null && value.isArray()) {
        for (JsonNode child : value) {
          walk(child, visitor);
        }
      } else if (value != null) {
        walk(value, visitor);
      }
    }
  }
}
