package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a schema's {@code default}s in place, as upstream does for custom resources on every
 * decode ({@code apiextensions-apiserver} {@code defaulting}): first nulls of non-nullable fields
 * that have no default are removed ({@code PruneNonNullableNullsWithoutDefaults}), then every
 * property with a {@code default} that is missing, or null and not nullable, gets a deep copy of
 * it, recursively through properties, {@code additionalProperties} values and array items.
 */
public final class Defaulter {
  private Defaulter() {}

  /** Removes non-nullable nulls without defaults, then applies defaults, in place. */
  public static void apply(JsonNode value, StructuralSchema schema) {
    checkNotNull(value, "value");
    checkNotNull(schema, "schema");
    pruneNonNullableNulls(value, schema);
    applyDefaults(value, schema);
  }

  private static void pruneNonNullableNulls(JsonNode x, @Nullable StructuralSchema s) {
    if (x.isObject()) {
      ObjectNode object = (ObjectNode) x;
      for (String k : new ArrayList<>(object.propertyNames())) {
        JsonNode v = object.get(k);
        StructuralSchema field = schemaForField(k, s);
        if (v.isNull() && field != null && !field.nullable() && field.defaultOrNull() == null) {
          object.remove(k);
        } else {
          pruneNonNullableNulls(v, field);
        }
      }
    } else if (x.isArray()) {
      StructuralSchema items = s == null ? null : s.itemsOrNull();
      for (JsonNode item : x) {
        pruneNonNullableNulls(item, items);
      }
    }
  }

  private static @Nullable StructuralSchema schemaForField(
      String name, @Nullable StructuralSchema s) {
    if (s == null) {
      return null;
    }
    StructuralSchema property = s.propertyOrNull(name);
    return property != null ? property : s.additionalPropertiesOrNull();
  }

  private static void applyDefaults(JsonNode x, @Nullable StructuralSchema s) {
    if (s == null) {
      return;
    }
    if (x.isObject()) {
      ObjectNode object = (ObjectNode) x;
      for (String name : s.propertyNames()) {
        StructuralSchema property = s.propertyOrNull(name);
        JsonNode def = property == null ? null : property.defaultOrNull();
        if (def == null) {
          continue;
        }
        JsonNode current = object.get(name);
        if (current == null || isNonNullableNull(current, property)) {
          object.set(name, def.deepCopy());
        }
      }
      for (String k : new ArrayList<>(object.propertyNames())) {
        StructuralSchema property = s.propertyOrNull(k);
        if (property != null) {
          applyDefaults(object.get(k), property);
        } else if (s.hasAdditionalProperties()) {
          StructuralSchema additional = s.additionalPropertiesOrNull();
          if (isNonNullableNull(object.get(k), additional)) {
            object.set(k, copyOfDefault(additional));
          }
          applyDefaults(object.get(k), additional);
        }
      }
    } else if (x.isArray()) {
      ArrayNode array = (ArrayNode) x;
      StructuralSchema items = s.itemsOrNull();
      for (int i = 0; i < array.size(); i++) {
        if (isNonNullableNull(array.get(i), items)) {
          array.set(i, copyOfDefault(items));
        }
        applyDefaults(array.get(i), items);
      }
    }
  }

  private static boolean isNonNullableNull(JsonNode x, @Nullable StructuralSchema s) {
    return x.isNull() && s != null && !s.nullable();
  }

  private static JsonNode copyOfDefault(@Nullable StructuralSchema s) {
    JsonNode def = s == null ? null : s.defaultOrNull();
    return def == null ? JsonNodeFactory.instance.nullNode() : def.deepCopy();
  }
}
