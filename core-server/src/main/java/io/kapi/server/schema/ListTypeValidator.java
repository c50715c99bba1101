package io.kapi.server.schema;

import io.kapi.api.errors.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code x-kubernetes-list-type} invariants upstream checks after schema validation ({@code
 * apiextensions-apiserver} {@code listtype.ValidateListSetsAndMaps}): items of a {@code set} are
 * unique, items of a {@code map} are objects with unique key tuples. Reports only the second
 * occurrence of a value, with {@code field.Path} paths ({@code spec.ports[1]}, map keys as {@code
 * spec.byName[a]}).
 */
final class ListTypeValidator {
  private ListTypeValidator() {}

  /** Validates an object node and everything below it. */
  static List<FieldError> validate(StructuralSchema schema, JsonNode object, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (object.isObject()) {
      validateObject(schema, object, path, errors);
    }
    return errors;
  }

  private static void validateObject(
      StructuralSchema s, JsonNode object, String path, List<FieldError> out) {
    StructuralSchema additional = s.additionalPropertiesOrNull();
    if (additional != null) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        validateValue(additional, e.getValue(), FieldPaths.key(path, e.getKey()), out);
      }
    }
    if (s.hasProperties()) {
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        StructuralSchema property = s.propertyOrNull(e.getKey());
        if (property != null) {
          validateValue(property, e.getValue(), FieldPaths.child(path, e.getKey()), out);
        }
      }
    }
  }

  private static void validateValue(
      StructuralSchema s, JsonNode value, String path, List<FieldError> out) {
    if (value.isArray()) {
      validateArray(s, value, path, out);
    } else if (value.isObject()) {
      validateObject(s, value, path, out);
    }
  }

  private static void validateArray(
      StructuralSchema s, JsonNode array, String path, List<FieldError> out) {
    String listType = s.listTypeOrNull();
    if ("set".equals(listType)) {
      List<String> keys = new ArrayList<>(array.size());
      for (JsonNode item : array) {
        keys.add(identity(item));
      }
      for (int i : secondOccurrences(keys)) {
        out.add(FieldError.duplicate(FieldPaths.index(path, i), GoValues.errorValue(array.get(i))));
      }
    } else if ("map".equals(listType)) {
      validateListMap(s, array, path, out);
    }
    StructuralSchema items = s.itemsOrNull();
    if (items != null) {
      for (int i = 0; i < array.size(); i++) {
        validateValue(items, array.get(i), FieldPaths.index(path, i), out);
      }
    }
  }

  private static void validateListMap(
      StructuralSchema s, JsonNode array, String path, List<FieldError> out) {
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isNull() && !item.isObject()) {
        out.add(
            FieldError.invalid(
                FieldPaths.index(path, i),
                GoValues.errorValue(item),
                "must be an object for an array of list-type map"));
        return;
      }
    }
    if (array.size() <= 1) {
      return;
    }
    List<String> keyFields = s.listMapKeys();
    List<ObjectNode> keyObjects = new ArrayList<>(array.size());
    List<String> identities = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      ObjectNode key = JsonNodeFactory.instance.objectNode();
      for (String field : keyFields) {
        JsonNode v = item.isObject() ? item.get(field) : null;
        if (v != null) {
          key.set(field, v);
        }
      }
      keyObjects.add(key);
      if (keyFields.size() == 1) {
        JsonNode v = key.get(keyFields.get(0));
        identities.add(v == null ? "unspecified" : identity(v));
      } else {
        identities.add(identity(key));
      }
    }
    for (int i : secondOccurrences(identities)) {
      out.add(
          FieldError.duplicate(
              FieldPaths.index(path, i), new GoValues.GoText(GoValues.sharpV(keyObjects.get(i)))));
    }
  }

  /**
   * What makes two values equal as Go map keys: the dynamic type and the value, or the JSON text.
   */
  private static String identity(JsonNode value) {
    if (value.isContainer()) {
      return "json:" + GoValues.json(value);
    }
    return GoValues.runtimeType(value) + ":" + GoValues.json(value);
  }

  /** The indices where a value is seen for the second time. */
  private static List<Integer> secondOccurrences(List<String> identities) {
    Map<String, Integer> seen = new HashMap<>();
    List<Integer> result = new ArrayList<>();
    for (int i = 0; i < identities.size(); i++) {
      int times = seen.merge(identities.get(i), 1, Integer::sum);
      if (times == 2) {
        result.add(i);
      }
    }
    return result;
  }
}
