package io.kapi.server.schema;

import com.google.common.base.Supplier;
import io.kapi.api.errors.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Upstream's structural-schema rules ({@code apiextensions-apiserver} {@code
 * schema.ValidateStructural}): every node has a type, the root is an object without {@code
 * additionalProperties}, arrays have items, {@code metadata} restricts at most {@code name} and
 * {@code generateName}, junctors ({@code allOf/anyOf/oneOf/not}) only validate values, and so on.
 * Paths use {@code field.Path} keys: {@code <prefix>.properties[spec].type}.
 */
final class StructuralCheck {
  private enum Level {
    ROOT,
    ITEM,
    FIELD
  }

  private final List<FieldError> errors = new ArrayList<>();

  /** Nodes already checked per level, so cyclic documents terminate. */
  private final Map<Level, Set<StructuralSchema>> visited = new java.util.EnumMap<>(Level.class);

  private StructuralCheck() {}

  static List<FieldError> check(StructuralSchema schema, String path) {
    StructuralCheck c = new StructuralCheck();
    c.invariants(schema, Level.ROOT, path);
    c.completeness(schema, schema, path, path);
    c.errors.sort(Comparator.comparing(FieldError::toString));
    return List.copyOf(c.errors);
  }

  private void invariants(@Nullable StructuralSchema s, Level lvl, String path) {
    if (s == null) {
      return;
    }
    Set<StructuralSchema> seen =
        visited.computeIfAbsent(lvl, l -> Collections.newSetFromMap(new IdentityHashMap<>()));
    if (!seen.add(s)) {
      return;
    }
    String type = s.typeOrNull() == null ? "" : s.typeOrNull();
    if (type.equals("array") && s.itemsOrNull() == null) {
      errors.add(FieldError.required(FieldPaths.child(path, "items"), "must be specified"));
    }
    invariants(s.itemsOrNull(), Level.ITEM, FieldPaths.child(path, "items"));
    for (String name : s.propertyNames()) {
      invariants(s.propertyOrNull(name), Level.FIELD, properties(path, name));
    }
    if (s.hasAdditionalProperties()) {
      if (lvl == Level.ROOT) {
        errors.add(
            FieldError.forbidden(
                FieldPaths.child(path, "additionalProperties"), "must not be used at the root"));
      }
      invariants(
          s.additionalPropertiesOrNull(),
          Level.FIELD,
          FieldPaths.child(path, "additionalProperties"));
    }
    if (s.intOrString() && s.preserveUnknownFields()) {
      errors.add(
          FieldError.invalid(
              FieldPaths.child(path, "x-kubernetes-preserve-unknown-fields"),
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    if (s.intOrString() && s.embeddedResource()) {
      errors.add(
          FieldError.invalid(
              FieldPaths.child(path, "x-kubernetes-embedded-resource"),
              true,
              "must be false if x-kubernetes-int-or-string is true"));
    }
    valueValidation(s, isIntOrStringAnyOf(s), isIntOrStringAllOf(s), lvl, path);

    boolean checkMetadata = lvl == Level.ROOT || s.embeddedResource();
    String typePath = FieldPaths.child(path, "type");
    if (s.embeddedResource() && !type.equals("object")) {
      String detail = "must be object if x-kubernetes-embedded-resource is true";
      errors.add(
          type.isEmpty()
              ? FieldError.required(typePath, detail)
              : FieldError.invalid(typePath, type, detail));
    } else if (type.isEmpty() && !s.intOrString() && !s.preserveUnknownFields()) {
      String detail =
          switch (lvl) {
            case ROOT -> "must not be empty at the root";
            case ITEM -> "must not be empty for specified array items";
            case FIELD -> "must not be empty for specified object fields";
          };
      errors.add(FieldError.required(typePath, detail));
    }
    if (s.embeddedResource() && s.hasAdditionalProperties()) {
      errors.add(
          FieldError.forbidden(
              FieldPaths.child(path, "additionalProperties"),
              "must not be used if x-kubernetes-embedded-resource is set"));
    }
    if (lvl == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
      errors.add(FieldError.invalid(typePath, type, "must be object at the root"));
    }
    for (String meta : List.of("kind", "apiVersion")) {
      StructuralSchema field = s.propertyOrNull(meta);
      if (field != null && checkMetadata && !"string".equals(field.typeOrNull())) {
        errors.add(
            FieldError.invalid(
                FieldPaths.child(properties(path, meta), "type"),
                field.typeOrNull() == null ? "" : field.typeOrNull(),
                "must be string"));
      }
    }
    StructuralSchema metadata = s.propertyOrNull("metadata");
    if (metadata != null) {
      metadataInvariants(metadata, checkMetadata, lvl, properties(path, "metadata"));
    }
    if (s.embeddedResource() && !s.preserveUnknownFields() && !s.hasProperties()) {
      errors.add(
          FieldError.required(
              FieldPaths.child(path, "properties"),
              "must not be empty if x-kubernetes-embedded-resource is true without"
                  + " x-kubernetes-preserve-unknown-fields"));
    }
  }

  private void metadataInvariants(
      StructuralSchema m, boolean checkMetadata, Level lvl, String path) {
    if (checkMetadata && !"object".equals(m.typeOrNull())) {
      errors.add(
          FieldError.invalid(
              FieldPaths.child(path, "type"),
              m.typeOrNull() == null ? "" : m.typeOrNull(),
              "must be object"));
    }
    if (lvl == Level.ROOT) {
      List<String> names = new ArrayList<>();
      m.propertyNames().forEach(names::add);
      boolean onlyNames =
          names.isEmpty()
              || (names.size() <= 2
                  && names.stream().allMatch(n -> n.equals("name") || n.equals("generateName")));
      if (!onlyNames || !isEmptyApartFrom(m, true, true, true)) {
        errors.add(
            FieldError.forbidden(
                path,
                "must not specify anything other than name and generateName, but metadata is"
                    + " implicitly specified"));
      }
    }
  }

  private void valueValidation(
      StructuralSchema v, boolean skipAnyOf, boolean skipFirstAllOfAnyOf, Level lvl, String path) {
    if (!skipAnyOf) {
      List<Supplier<StructuralSchema>> anyOf = v.anyOfSuppliers();
      for (int i = 0; i < anyOf.size(); i++) {
        nested(
            anyOf.get(i).get(), false, lvl, FieldPaths.index(FieldPaths.child(path, "anyOf"), i));
      }
    }
    List<Supplier<StructuralSchema>> allOf = v.allOfSuppliers();
    for (int i = 0; i < allOf.size(); i++) {
      nested(
          allOf.get(i).get(),
          skipFirstAllOfAnyOf && i == 0,
          lvl,
          FieldPaths.index(FieldPaths.child(path, "allOf"), i));
    }
    List<Supplier<StructuralSchema>> oneOf = v.oneOfSuppliers();
    for (int i = 0; i < oneOf.size(); i++) {
      nested(oneOf.get(i).get(), false, lvl, FieldPaths.index(FieldPaths.child(path, "oneOf"), i));
    }
    StructuralSchema not = v.notOrNull();
    if (not != null) {
      nested(not, false, lvl, FieldPaths.child(path, "not"));
    }
    if (v.patternOrNull() != null && v.patternError != null) {
      errors.add(
          FieldError.invalid(
              FieldPaths.child(path, "pattern"),
              v.patternOrNull(),
              "must be a valid regular expression, but isn't: " + v.patternError));
    }
  }

  /** A junctor's content: only value validations, and complete (see {@link #completeness}). */
  private void nested(StructuralSchema v, boolean skipAnyOf, Level lvl, String path) {
    valueValidation(v, skipAnyOf, false, lvl, path);
    StructuralSchema items = v.itemsOrNull();
    if (items != null) {
      nested(items, false, lvl, FieldPaths.child(path, "items"));
    }
    for (String name : v.propertyNames()) {
      nested(v.propertyOrNull(name), false, Level.FIELD, properties(path, name));
    }
    if (v.typeOrNull() != null) {
      errors.add(forbidden(path, "type", "must be empty to be structural"));
    }
    if (v.additionalPropertiesOrNull() != null
        || (v.hasAdditionalProperties() && v.additionalPropertiesAllowed())) {
      errors.add(forbidden(path, "additionalProperties", "must be undefined to be structural"));
    }
    if (v.defaultOrNull() != null) {
      errors.add(forbidden(path, "default", "must be undefined to be structural"));
    }
    if (v.title().isPresent()) {
      errors.add(forbidden(path, "title", "must be empty to be structural"));
    }
    if (v.description().isPresent()) {
      errors.add(forbidden(path, "description", "must be empty to be structural"));
    }
    if (v.nullable()) {
      errors.add(forbidden(path, "nullable", "must be false to be structural"));
    }
    if (v.preserveUnknownFields()) {
      errors.add(
          forbidden(
              path, "x-kubernetes-preserve-unknown-fields", "must be false to be structural"));
    }
    if (v.embeddedResource()) {
      errors.add(
          forbidden(path, "x-kubernetes-embedded-resource", "must be false to be structural"));
    }
    if (v.intOrString()) {
      errors.add(forbidden(path, "x-kubernetes-int-or-string", "must be false to be structural"));
    }
    if (!v.listMapKeys().isEmpty()) {
      errors.add(forbidden(path, "x-kubernetes-list-map-keys", "must be empty to be structural"));
    }
    if (v.listTypeOrNull() != null) {
      errors.add(forbidden(path, "x-kubernetes-list-type", "must be undefined to be structural"));
    }
    if (v.mapType().isPresent()) {
      errors.add(forbidden(path, "x-kubernetes-map-type", "must be undefined to be structural"));
    }
    if (v.propertyOrNull("metadata") != null) {
      errors.add(
          FieldError.forbidden(
              properties(path, "metadata"), "must not be specified in a nested context"));
    }
  }

  /** Every property or items a junctor constrains must exist in the structural part. */
  private void completeness(
      @Nullable StructuralSchema v, @Nullable StructuralSchema s, String sPath, String vPath) {
    if (v == null) {
      return;
    }
    junctorCompleteness(v, s, sPath, vPath);
  }

  private void junctorCompleteness(
      StructuralSchema v, StructuralSchema s, String sPath, String vPath) {
    StructuralSchema not = v.notOrNull();
    if (not != null) {
      nestedCompleteness(not, s, sPath, FieldPaths.child(vPath, "not"));
    }
    List<Supplier<StructuralSchema>> allOf = v.allOfSuppliers();
    for (int i = 0; i < allOf.size(); i++) {
      nestedCompleteness(
          allOf.get(i).get(), s, sPath, FieldPaths.index(FieldPaths.child(vPath, "allOf"), i));
    }
    List<Supplier<StructuralSchema>> anyOf = v.anyOfSuppliers();
    for (int i = 0; i < anyOf.size(); i++) {
      nestedCompleteness(
          anyOf.get(i).get(), s, sPath, FieldPaths.index(FieldPaths.child(vPath, "anyOf"), i));
    }
    List<Supplier<StructuralSchema>> oneOf = v.oneOfSuppliers();
    for (int i = 0; i < oneOf.size(); i++) {
      nestedCompleteness(
          oneOf.get(i).get(), s, sPath, FieldPaths.index(FieldPaths.child(vPath, "oneOf"), i));
    }
  }

  private void nestedCompleteness(
      StructuralSchema v, @Nullable StructuralSchema s, String sPath, String vPath) {
    if (s == null) {
      errors.add(FieldError.required(sPath, "because it is defined in " + vPath));
      return;
    }
    junctorCompleteness(v, s, sPath, vPath);
    StructuralSchema items = v.itemsOrNull();
    if (items != null) {
      nestedCompleteness(
          items,
          s.itemsOrNull(),
          FieldPaths.child(sPath, "items"),
          FieldPaths.child(vPath, "items"));
    }
    for (String name : v.propertyNames()) {
      StructuralSchema sField = s.propertyOrNull(name);
      if (sField == null) {
        errors.add(
            FieldError.required(
                properties(sPath, name), "because it is defined in " + properties(vPath, name)));
      } else {
        nestedCompleteness(
            v.propertyOrNull(name), sField, properties(sPath, name), properties(vPath, name));
      }
    }
  }

  /** {@code anyOf: [{type: integer}, {type: string}]}, the permitted int-or-string shape. */
  private static boolean isIntOrStringAnyOf(StructuralSchema s) {
    List<Supplier<StructuralSchema>> anyOf = s.anyOfSuppliers();
    return anyOf.size() == 2
        && isOnlyType(anyOf.get(0).get(), "integer")
        && isOnlyType(anyOf.get(1).get(), "string");
  }

  private static boolean isIntOrStringAllOf(StructuralSchema s) {
    List<Supplier<StructuralSchema>> allOf = s.allOfSuppliers();
    return !allOf.isEmpty() && isIntOrStringAnyOf(allOf.get(0).get());
  }

  private static boolean isOnlyType(StructuralSchema s, String type) {
    return type.equals(s.typeOrNull()) && isEmptyApartFrom(s, true, false, false);
  }

  /** Whether nothing is set in a node apart from (optionally) its type, default and properties. */
  private static boolean isEmptyApartFrom(
      StructuralSchema s, boolean ignoreType, boolean ignoreDefault, boolean ignoreProperties) {
    return (ignoreType || s.typeOrNull() == null)
        && (ignoreDefault || s.defaultOrNull() == null)
        && (ignoreProperties || !s.hasProperties())
        && s.description().isEmpty()
        && s.title().isEmpty()
        && !s.nullable()
        && s.itemsOrNull() == null
        && !s.hasAdditionalProperties()
        && !s.preserveUnknownFields()
        && !s.intOrString()
        && !s.embeddedResource()
        && s.listTypeOrNull() == null
        && s.listMapKeys().isEmpty()
        && s.mapType().isEmpty()
        && s.formatOrNull() == null
        && s.maximumOrNull() == null
        && !s.exclusiveMaximum()
        && s.minimumOrNull() == null
        && !s.exclusiveMinimum()
        && s.multipleOfOrNull() == null
        && s.maxLengthOrNull() == null
        && s.minLengthOrNull() == null
        && s.patternOrNull() == null
        && s.maxItemsOrNull() == null
        && s.minItemsOrNull() == null
        && !s.uniqueItems()
        && s.maxPropertiesOrNull() == null
        && s.minPropertiesOrNull() == null
        && s.required().isEmpty()
        && s.enumNodes().isEmpty()
        && s.allOfSuppliers().isEmpty()
        && s.anyOfSuppliers().isEmpty()
        && s.oneOfSuppliers().isEmpty()
        && s.notOrNull() == null;
  }

  private static FieldError forbidden(String path, String child, String detail) {
    return FieldError.forbidden(FieldPaths.child(path, child), detail);
  }

  private static String properties(String path, String name) {
    return FieldPaths.key(FieldPaths.child(path, "properties"), name);
  }
}
