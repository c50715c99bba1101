package io.kapi.server.openapi;

import io.kapi.server.schema.StructuralSchema;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link StructuralSchema} as an OpenAPI v3 schema object, inline. A schema that contains
 * itself (a recursive record) is written as an object that keeps unknown fields where it recurs.
 */
final class SchemaJson {
  private final Map<StructuralSchema, Boolean> onPath = new IdentityHashMap<>();

  private SchemaJson() {}

  /** The OpenAPI v3 schema object of {@code schema}. */
  static ObjectNode of(StructuralSchema schema) {
    return new SchemaJson().write(schema);
  }

  private ObjectNode write(StructuralSchema s) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (onPath.put(s, Boolean.TRUE) != null) {
      out.put("type", "object");
      out.put("x-kubernetes-preserve-unknown-fields", true);
      return out;
    }
    try {
      s.description().ifPresent(v -> out.put("description", v));
      s.title().ifPresent(v -> out.put("title", v));
      s.type().ifPresent(v -> out.put("type", v));
      s.format().ifPresent(v -> out.put("format", v));
      s.defaultValue().ifPresent(v -> out.set("default", v.deepCopy()));
      if (s.nullable()) {
        out.put("nullable", true);
      }
      if (!s.properties().isEmpty()) {
        ObjectNode properties = out.putObject("properties");
        s.properties().forEach((name, p) -> properties.set(name, write(p)));
      }
      s.items().ifPresent(i -> out.set("items", write(i)));
      if (s.additionalProperties().isPresent()) {
        out.set("additionalProperties", write(s.additionalProperties().get()));
      } else if (s.hasAdditionalProperties()) {
        out.put("additionalProperties", s.additionalPropertiesAllowed());
      }
      strings(out, "required", s.required());
      if (!s.enumValues().isEmpty()) {
        ArrayNode values = out.putArray("enum");
        s.enumValues().forEach(v -> values.add(v.deepCopy()));
      }
      s.maximum().ifPresent(v -> out.put("maximum", v));
      flag(out, "exclusiveMaximum", s.exclusiveMaximum());
      s.minimum().ifPresent(v -> out.put("minimum", v));
      flag(out, "exclusiveMinimum", s.exclusiveMinimum());
      s.multipleOf().ifPresent(v -> out.put("multipleOf", v));
      s.maxLength().ifPresent(v -> out.put("maxLength", v));
      s.minLength().ifPresent(v -> out.put("minLength", v));
      s.pattern().ifPresent(v -> out.put("pattern", v));
      s.maxItems().ifPresent(v -> out.put("maxItems", v));
      s.minItems().ifPresent(v -> out.put("minItems", v));
      flag(out, "uniqueItems", s.uniqueItems());
      s.maxProperties().ifPresent(v -> out.put("maxProperties", v));
      s.minProperties().ifPresent(v -> out.put("minProperties", v));
      schemas(out, "allOf", s.allOf());
      schemas(out, "anyOf", s.anyOf());
      schemas(out, "oneOf", s.oneOf());
      s.not().ifPresent(n -> out.set("not", write(n)));
      flag(out, "x-kubernetes-preserve-unknown-fields", s.preserveUnknownFields());
      flag(out, "x-kubernetes-int-or-string", s.intOrString());
      flag(out, "x-kubernetes-embedded-resource", s.embeddedResource());
      s.listType().ifPresent(v -> out.put("x-kubernetes-list-type", v));
      strings(out, "x-kubernetes-list-map-keys", s.listMapKeys());
      s.mapType().ifPresent(v -> out.put("x-kubernetes-map-type", v));
      s.patchMergeKey().ifPresent(v -> out.put("x-kubernetes-patch-merge-key", v));
      s.patchStrategy().ifPresent(v -> out.put("x-kubernetes-patch-strategy", v));
      return out;
    } finally {
      onPath.remove(s);
    }
  }

  private static void flag(ObjectNode out, String name, boolean value) {
    if (value) {
      out.put(name, true);
    }
  }

  private static void strings(ObjectNode out, String name, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = out.putArray(name);
      values.forEach(array::add);
    }
  }

  private void schemas(ObjectNode out, String name, List<StructuralSchema> values) {
    if (!values.isEmpty()) {
      ArrayNode array = out.putArray(name);
      for (StructuralSchema value : values) {
        array.add(write(value));
      }
    }
  }
}
