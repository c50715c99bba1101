package io.kapi.api.meta;

import com.google.common.collect.ImmutableSortedMap;
import io.kapi.api.internal.JsonTrees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Copies that give wire records immutable, Go-like collections (absent = empty). */
final class MetaCollections {
  private MetaCollections() {}

  /** An immutable copy in Go's map order; null becomes empty and null values become "". */
  static Map<String, String> stringMap(@Nullable Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return ImmutableSortedMap.of();
    }
    if (map instanceof ImmutableSortedMap<String, String> sorted
        && sorted.comparator() == JsonTrees.GO_STRING_ORDER) {
      return sorted;
    }
    ImmutableSortedMap.Builder<String, String> b =
        ImmutableSortedMap.orderedBy(JsonTrees.GO_STRING_ORDER);
    map.forEach((k, v) -> b.put(k, v == null ? "" : v));
    return b.buildOrThrow();
  }

  /** An immutable copy; null becomes empty. Elements must not be null. */
  static <T> List<T> list(@Nullable List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** An immutable copy that may hold nulls (Table cells). */
  static List<@Nullable Object> nullableList(@Nullable List<?> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
