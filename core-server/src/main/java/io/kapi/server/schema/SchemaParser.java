package io.kapi.server.schema;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads OpenAPI v3 schema JSON into {@link StructuralSchema} nodes. In a document, {@code $ref}s
 * (and upstream's {@code allOf: [{$ref}]} wrappers, whose sibling keywords override the target's)
 * become lazily resolved children, so cyclic references cost nothing until visited.
 */
final class SchemaParser {
  /** Resolves {@code #/components/schemas/<name>} references of one document. */
  interface References {
    StructuralSchema resolve(String ref);
  }

  private final @Nullable References references;

  private SchemaParser(@Nullable References references) {
    this.references = references;
  }

  /** A parser for self-contained schemas such as a CRD's; {@code $ref} is rejected. */
  static SchemaParser withoutReferences() {
    return new SchemaParser(null);
  }

  /** A parser for schemas of an OpenAPI document, following its conventions for Go types. */
  static SchemaParser forDocument(References references) {
    return new SchemaParser(references);
  }

  /** Parses a node; a reference is resolved now. */
  StructuralSchema parse(JsonNode node, String path) {
    requireObject(node, path);
    if (isReference(node)) {
      return child(node, path).get();
    }
    StructuralSchema.Builder b = new StructuralSchema.Builder();
    apply(b, node, path);
    return b.build();
  }

  /** A child node: references are resolved on first use, inline schemas are parsed now. */
  Supplier<StructuralSchema> child(JsonNode node, String path) {
    requireObject(node, path);
    JsonNode ref = node.get("$ref");
    if (ref != null) {
      String target = requireReferences(ref, path);
      return Suppliers.memoize(() -> overlay(references().resolve(target), node, path));
    }
    String wrapped = wrappedReference(node);
    if (wrapped != null) {
      return Suppliers.memoize(() -> overlay(references().resolve(wrapped), node, path));
    }
    StructuralSchema parsed = parse(node, path);
    return Suppliers.ofInstance(parsed);
  }

  private boolean isReference(JsonNode node) {
    return node.has("$ref") || wrappedReference(node) != null;
  }

  /** The target of an {@code allOf: [{$ref: X}]} wrapper in a document, or null. */
  private @Nullable String wrappedReference(JsonNode node) {
    if (references == null) {
      return null;
    }
    JsonNode allOf = node.get("allOf");
    if (allOf == null || !allOf.isArray() || allOf.size() != 1) {
      return null;
    }
    JsonNode only = allOf.get(0);
    if (!only.isObject() || only.size() != 1 || !only.has("$ref") || !only.get("$ref").isString()) {
      return null;
    }
    return only.get("$ref").stringValue();
  }

  /** The referenced schema with the wrapper's own keywords (description, default...) on top. */
  private StructuralSchema overlay(StructuralSchema base, JsonNode wrapper, String path) {
    StructuralSchema.Builder b = base.toBuilder();
    boolean any = false;
    for (Map.Entry<String, JsonNode> e : wrapper.properties()) {
      if (!e.getKey().equals("$ref") && !e.getKey().equals("allOf")) {
        any = true;
      }
    }
    if (!any) {
      return base;
    }
    applyKeywords(b, wrapper, path, true);
    return b.build();
  }

  private References references() {
    if (references == null) {
      throw new IllegalStateException("no references");
    }
    return references;
  }

  private String requireReferences(JsonNode ref, String path) {
    if (references == null) {
      throw new IllegalArgumentException("schema at " + at(path) + ": $ref is not supported");
    }
    if (!ref.isString()) {
      throw new IllegalArgumentException("schema at " + at(path) + ": $ref must be a string");
    }
    return ref.stringValue();
  }

  private void apply(StructuralSchema.Builder b, JsonNode node, String path) {
    applyKeywords(b, node, path, false);
  }

  private void applyKeywords(
      StructuralSchema.Builder b, JsonNode node, String path, boolean overlay) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      String at = path.isEmpty() ? key : path + "." + key;
      switch (key) {
        case "type" -> b.type = string(v, at);
        case "description" -> b.description = string(v, at);
        case "title" -> b.title = string(v, at);
        case "default" -> b.defaultValue = v.deepCopy();
        case "nullable" -> b.nullable = bool(v, at);
        case "properties" -> {
          requireObject(v, at);
          b.properties.clear();
          for (Map.Entry<String, JsonNode> p : v.properties()) {
            b.properties.put(p.getKey(), child(p.getValue(), at + "." + p.getKey()));
          }
        }
        case "items" -> {
          if (v.isArray()) {
            throw new IllegalArgumentException(
                "schema at " + at + ": items must be a schema, but is an array");
          }
          b.items = child(v, at);
        }
        case "additionalProperties" -> {
          if (v.isBoolean()) {
            b.additionalProperties = null;
            b.additionalPropertiesBool = v.booleanValue();
          } else {
            b.additionalProperties = child(v, at);
            b.additionalPropertiesBool = null;
          }
        }
        case "x-kubernetes-preserve-unknown-fields" -> b.preserveUnknownFields = bool(v, at);
        case "x-kubernetes-int-or-string" -> b.intOrString = bool(v, at);
        case "x-kubernetes-embedded-resource" -> b.embeddedResource = bool(v, at);
        case "x-kubernetes-list-type" -> b.listType = string(v, at);
        case "x-kubernetes-list-map-keys" -> {
          b.listMapKeys.clear();
          for (JsonNode k : array(v, at)) {
            b.listMapKeys.add(string(k, at));
          }
        }
        case "x-kubernetes-map-type" -> b.mapType = string(v, at);
        case "x-kubernetes-patch-merge-key" -> b.patchMergeKey = string(v, at);
        case "x-kubernetes-patch-strategy" -> b.patchStrategy = string(v, at);
        case "format" -> b.format = string(v, at);
        case "pattern" -> b.pattern = string(v, at);
        case "maximum" -> b.maximum = number(v, at);
        case "minimum" -> b.minimum = number(v, at);
        case "multipleOf" -> b.multipleOf = number(v, at);
        case "exclusiveMaximum" -> b.exclusiveMaximum = bool(v, at);
        case "exclusiveMinimum" -> b.exclusiveMinimum = bool(v, at);
        case "uniqueItems" -> b.uniqueItems = bool(v, at);
        case "maxLength" -> b.maxLength = integer(v, at);
        case "minLength" -> b.minLength = integer(v, at);
        case "maxItems" -> b.maxItems = integer(v, at);
        case "minItems" -> b.minItems = integer(v, at);
        case "maxProperties" -> b.maxProperties = integer(v, at);
        case "minProperties" -> b.minProperties = integer(v, at);
        case "required" -> {
          b.required.clear();
          for (JsonNode k : array(v, at)) {
            b.required.add(string(k, at));
          }
        }
        case "enum" -> {
          b.enumValues.clear();
          for (JsonNode k : array(v, at)) {
            b.enumValues.add(k.deepCopy());
          }
        }
        case "allOf" -> {
          if (!overlay) {
            b.allOf.clear();
            junctor(b.allOf, v, at);
          }
        }
        case "anyOf" -> {
          b.anyOf.clear();
          junctor(b.anyOf, v, at);
        }
        case "oneOf" -> {
          b.oneOf.clear();
          junctor(b.oneOf, v, at);
        }
        case "not" -> b.not = child(v, at);
        default -> {}
      }
    }
    if (references != null) {
      applyDocumentConventions(b);
    }
  }

  /**
   * Upstream's published documents describe a few Go types loosely: {@code IntOrString} is a
   * typeless {@code format: int-or-string} with a {@code oneOf}, and opaque types ({@code
   * RawExtension}, {@code FieldsV1}) are objects without properties. Give them the structural
   * meaning the Go decoder has. The documents also give required fields their Go zero value as
   * {@code default} ({@code ""}, {@code 0}, {@code {}}), which describes how Go encodes them but
   * would hide a missing field from the {@code required} check: those defaults are dropped.
   */
  private static void applyDocumentConventions(StructuralSchema.Builder b) {
    if (b.type == null && "int-or-string".equals(b.format)) {
      b.intOrString = true;
      b.format = null;
      b.oneOf.clear();
    }
    if ("object".equals(b.type)
        && b.properties.isEmpty()
        && b.additionalProperties == null
        && b.additionalPropertiesBool == null) {
      b.preserveUnknownFields = true;
    }
    for (String name : b.required) {
      Supplier<StructuralSchema> property = b.properties.get(name);
      if (property != null) {
        b.properties.put(name, Suppliers.memoize(() -> withoutZeroDefault(property.get())));
      }
    }
  }

  private static StructuralSchema withoutZeroDefault(StructuralSchema s) {
    JsonNode d = s.defaultOrNull();
    if (d == null || !isZeroValue(d)) {
      return s;
    }
    StructuralSchema.Builder b = s.toBuilder();
    b.defaultValue = null;
    return b.build();
  }

  private static boolean isZeroValue(JsonNode d) {
    return (d.isString() && d.stringValue().isEmpty())
        || (d.isNumber() && d.doubleValue() == 0)
        || (d.isBoolean() && !d.booleanValue())
        || (d.isContainer() && d.isEmpty());
  }

  private void junctor(java.util.List<Supplier<StructuralSchema>> out, JsonNode v, String at) {
    int i = 0;
    for (JsonNode s : array(v, at)) {
      out.add(child(s, at + "[" + i++ + "]"));
    }
  }

  private static String at(String path) {
    return path.isEmpty() ? "<root>" : path;
  }

  private static void requireObject(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("schema at " + at(path) + " must be an object");
    }
  }

  private static String string(JsonNode v, String at) {
    if (!v.isString()) {
      throw new IllegalArgumentException(at + " must be a string");
    }
    return v.stringValue();
  }

  private static boolean bool(JsonNode v, String at) {
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(at + " must be a boolean");
    }
    return v.booleanValue();
  }

  private static double number(JsonNode v, String at) {
    if (!v.isNumber()) {
      throw new IllegalArgumentException(at + " must be a number");
    }
    return v.doubleValue();
  }

  private static long integer(JsonNode v, String at) {
    if (!v.isNumber() || !v.canConvertToExactIntegral()) {
      throw new IllegalArgumentException(at + " must be an integer");
    }
    return v.longValue();
  }

  private static JsonNode array(JsonNode v, String at) {
    if (!v.isArray()) {
      throw new IllegalArgumentException(at + " must be an array");
    }
    return v;
  }
}
