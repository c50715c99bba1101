package io.kapi.api.unstructured;

import com.google.common.collect.ImmutableList;
import io.kapi.api.internal.JsonTrees;
import io.kapi.api.internal.Rfc3339;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Typed reads and writes of fields of an {@link ObjectNode}, with Go's "empty = absent" rules. */
final class JsonFields {
  private JsonFields() {}

  static @Nullable String string(@Nullable ObjectNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.stringValue() : null;
  }

  /** Sets a string field, or removes it when {@code value} is null or empty. */
  static void setString(ObjectNode node, String field, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      node.remove(field);
    } else {
      node.put(field, value);
    }
  }

  static long integer(@Nullable ObjectNode node, String field) {
    Long value = nullableInteger(node, field);
    return value == null ? 0 : value;
  }

  static @Nullable Long nullableInteger(@Nullable ObjectNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isIntegralNumber() && value.canConvertToLong()
        ? value.longValue()
        : null;
  }

  static @Nullable Instant time(@Nullable ObjectNode node, String field) {
    String text = string(node, field);
    if (text == null) {
      return null;
    }
    try {
      return Rfc3339.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static void setTime(ObjectNode node, String field, @Nullable Instant value) {
    if (value == null) {
      node.remove(field);
    } else {
      node.put(field, Rfc3339.format(value));
    }
  }

  static Map<String, String> stringMap(@Nullable ObjectNode node, String field) {
    if (node == null) {
      return Map.of();
    }
    JsonNode value = node.get(field);
    return value instanceof ObjectNode object ? new StringMapView(object) : Map.of();
  }

  /** Writes the map in Go's map order, or removes the field when null or empty. */
  static void setStringMap(ObjectNode node, String field, @Nullable Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      node.remove(field);
      return;
    }
    Map<String, String> sorted = new TreeMap<>(JsonTrees.GO_STRING_ORDER);
    sorted.putAll(map);
    ObjectNode target = node.putObject(field);
    sorted.forEach((k, v) -> target.put(k, v == null ? "" : v));
  }

  static List<String> stringList(@Nullable ObjectNode node, String field) {
    if (node == null) {
      return List.of();
    }
    JsonNode value = node.get(field);
    if (!(value instanceof ArrayNode array)) {
      return List.of();
    }
    ImmutableList.Builder<String> result = ImmutableList.builderWithExpectedSize(array.size());
    for (JsonNode element : array) {
      if (element.isString()) {
        result.add(element.stringValue());
      }
    }
    return result.build();
  }

  static void setStringList(ObjectNode node, String field, @Nullable List<String> list) {
    if (list == null || list.isEmpty()) {
      node.remove(field);
      return;
    }
    ArrayNode array = node.putArray(field);
    list.forEach(array::add);
  }

  /** A read-only live view of the string-valued fields of an object node. */
  private static final class StringMapView extends AbstractMap<String, String> {
    private final ObjectNode object;

    StringMapView(ObjectNode object) {
      this.object = object;
    }

    @Override
    public @Nullable String get(@Nullable Object key) {
      if (!(key instanceof String k)) {
        return null;
      }
      JsonNode value = object.get(k);
      return value != null && value.isString() ? value.stringValue() : null;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, String>> iterator() {
          Iterator<Entry<String, JsonNode>> it = object.properties().iterator();
          return new Iterator<>() {
            private @Nullable Entry<String, String> next = advance();

            private @Nullable Entry<String, String> advance() {
              while (it.hasNext()) {
                Entry<String, JsonNode> e = it.next();
                if (e.getValue().isString()) {
                  return Map.entry(e.getKey(), e.getValue().stringValue());
                }
              }
              return null;
            }

            @Override
            public boolean hasNext() {
              return next != null;
            }

            @Override
            public Entry<String, String> next() {
              Entry<String, String> current = next;
              if (current == null) {
                throw new NoSuchElementException();
              }
              next = advance();
              return current;
            }
          };
        }

        @Override
        public int size() {
          int n = 0;
          for (Entry<String, JsonNode> e : object.properties()) {
            if (e.getValue().isString()) {
              n++;
            }
          }
          return n;
        }
      };
    }
  }
}
