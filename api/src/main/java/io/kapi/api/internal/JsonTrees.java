package io.kapi.api.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Operations on Jackson trees that Go's map-based JSON handling implies. */
public final class JsonTrees {
  /** Go's string order (UTF-8 bytes), which is code point order. */
  public static final Comparator<String> GO_STRING_ORDER = JsonTrees::compareCodePoints;

  private JsonTrees() {}

  /**
   * Reorders the fields of every object in {@code node}, recursively and in place, into Go's map
   * order (sorted keys), the order in which Go writes {@code map[string]interface{}}.
   */
  public static void sortKeysInPlace(JsonNode node) {
    checkNotNull(node, "node");
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
      entries.sort(Map.Entry.comparingByKey(GO_STRING_ORDER));
      object.removeAll();
      for (Map.Entry<String, JsonNode> e : entries) {
        sortKeysInPlace(e.getValue());
        object.set(e.getKey(), e.getValue());
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode element : array) {
        sortKeysInPlace(element);
      }
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
