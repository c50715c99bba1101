package io.kapi.server.patch;

import io.kapi.api.errors.ApiException;
import io.kapi.server.patch.GoValues.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch, applied as the API server applies it ({@code
 * strategicpatch.StrategicMergeMapPatch}: parallel lists merged, unmatched nulls ignored). A merge
 * patch whose lists merge by their {@link PatchSchema} (by merge key for lists of objects, as a set
 * for lists of scalars with the {@code merge} strategy) and which understands the directives {@code
 * $patch} (replace/delete/merge), {@code $retainKeys}, {@code $setElementOrder/<list>} and {@code
 * $deleteFromPrimitiveList/<list>}.
 *
 * <p>Errors carry upstream's texts; those upstream answers with 500 (they are errors in the patch)
 * are 400 here.
 */
final class StrategicMergePatch {
  static final String DIRECTIVE = "$patch";
  static final String DELETE = "delete";
  static final String REPLACE = "replace";
  static final String MERGE = "merge";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrategicMergePatch() {}

  /**
   * Applies {@code patch} to a copy of {@code original}. The patch tree is consumed (modified).
   *
   * @throws ApiException 400 or 422 with upstream's message when the patch is malformed
   */
  static ObjectNode apply(ObjectNode original, JsonNode patch, PatchSchema schema) {
    if (patch.isNull()) {
      return (ObjectNode) DeepTrees.copy(original); // Go decodes null into a nil map
    }
    if (!patch.isObject()) {
      throw PatchErrors.badRequest(
          "json: cannot unmarshal "
              + JsonPatch.jsonKind(patch)
              + " into Go value of type map[string]interface {}");
    }
    return mergeMap((ObjectNode) DeepTrees.copy(original), (ObjectNode) patch, schema);
  }

  /** Merges {@code patch} into {@code original} (both modified); returns the merged map. */
  private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, PatchSchema schema) {
    JsonNode directive = patch.get(DIRECTIVE);
    if (directive != null) {
      return mapDirective(directive, patch);
    }
    applyRetainKeys(original, patch);
    mergeOrderedLists(original, patch, schema);

    for (String patchKey : new ArrayList<>(patch.propertyNames())) {
      JsonNode patchValue = patch.get(patchKey);
      String key = patchKey;
      boolean deleteList = false;
      if (patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        key =
            listName(
                patchKey, DELETE_FROM_PRIMITIVE_LIST, "invalid patch format of primitive list");
        deleteList = true;
      }
      if (patchValue.isNull()) {
        original.remove(key);
        continue;
      }
      JsonNode originalValue = original.get(key);
      Kind originalKind = GoValues.kind(originalValue);
      if (originalValue == null || originalKind != GoValues.kind(patchValue)) {
        if (!deleteList) {
          discardNullValues(patchValue);
          JsonNode kept = removeDirectives(patchValue);
          if (kept == null) {
            original.remove(key);
          } else {
            original.set(key, kept);
          }
        }
        continue;
      }
      PatchSchema field = schema.field(key);
      String strategy = PatchStrategies.mergeStrategy(field.patchStrategies());
      switch (originalKind) {
        case MAP ->
            original.set(
                key,
                REPLACE.equals(strategy)
                    ? patchValue
                    : mergeMap((ObjectNode) originalValue, (ObjectNode) patchValue, field));
        case SLICE ->
            original.set(
                key,
                mergeSliceByStrategy(
                    (ArrayNode) originalValue,
                    (ArrayNode) patchValue,
                    field.items(),
                    strategy,
                    field.patchMergeKey().orElse(""),
                    deleteList));
        default -> original.set(key, patchValue);
      }
    }
    return original;
  }

  /** {@code $patch} in a map: {@code replace} keeps the patch as is, {@code delete} empties. */
  private static ObjectNode mapDirective(JsonNode directive, ObjectNode patch) {
    if (isString(directive, REPLACE)) {
      patch.remove(DIRECTIVE);
      return patch;
    }
    if (isString(directive, DELETE)) {
      return NODES.objectNode();
    }
    throw PatchErrors.badPatchType(directive, patch);
  }

  /**
   * {@code $retainKeys}: every other field of the patch must be listed; fields of the original not
   * listed are cleared.
   */
  private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
    if (!patch.has(RETAIN_KEYS)) {
      return;
    }
    JsonNode retainKeys = patch.remove(RETAIN_KEYS);
    if (!retainKeys.isArray()) {
      throw PatchErrors.badRequest("invalid patch format of retainKeys");
    }
    Set<String> retained = new HashSet<>();
    for (JsonNode key : retainKeys) {
      if (key.isString()) {
        retained.add(key.stringValue());
      }
    }
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      String key = e.getKey();
      if (e.getValue().isNull()
          || key.startsWith(DELETE_FROM_PRIMITIVE_LIST)
          || key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!retained.contains(key)) {
        throw PatchErrors.badRequest("invalid patch format of retainKeys");
      }
    }
    List<String> cleared = new ArrayList<>();
    for (String key : original.propertyNames()) {
      if (!retained.contains(key)) {
        cleared.add(key);
      }
    }
    original.remove(cleared);
  }

  /**
   * {@code $setElementOrder/<list>}: merges the list it names now and orders the result as the
   * directive says (items it lists first, in its order, server-only items where they were).
   */
  private static void mergeOrderedLists(ObjectNode original, ObjectNode patch, PatchSchema schema) {
    for (String directiveKey : new ArrayList<>(patch.propertyNames())) {
      if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(directiveKey);
      if (!order.isArray()) {
        throw PatchErrors.badArgType(Kind.SLICE, order);
      }
      ArrayNode setOrder = (ArrayNode) order;
      String key =
          listName(directiveKey, SET_ELEMENT_ORDER, "invalid patch format of setElementOrder list");
      JsonNode originalValue = original.get(key);
      JsonNode patchValue = patch.get(key);
      if (originalValue != null && !originalValue.isArray()) {
        throw PatchErrors.badArgType(Kind.SLICE, originalValue);
      }
      if (patchValue != null && !patchValue.isArray()) {
        throw PatchErrors.badArgType(Kind.SLICE, patchValue);
      }
      ArrayNode originalList = (ArrayNode) originalValue;
      ArrayNode patchList = (ArrayNode) patchValue;
      PatchSchema field = schema.field(key);
      String strategy = PatchStrategies.mergeStrategy(field.patchStrategies());
      String mergeKey = field.patchMergeKey().orElse("");
      validateAgainstOrder(patchList, setOrder, mergeKey);

      List<JsonNode> serverOrder = originalList == null ? List.of() : elements(originalList);
      ArrayNode merged;
      if (originalList != null && patchList == null) {
        merged = originalList;
      } else if (originalList == null && patchList != null) {
        merged = (ArrayNode) removeDirectives(patchList);
      } else if (originalList != null) {
        List<JsonNode> patchElements = elements(patchList);
        merged =
            mergeSliceByStrategy(originalList, patchList, field.items(), strategy, mergeKey, false);
        if (MERGE.equals(strategy) && !mergeKey.isEmpty() && isMapList(serverOrder)) {
          serverOrder = aliasedView(serverOrder, patchElements, mergeKey);
        }
      } else {
        continue;
      }
      List<JsonNode> inOrder = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      partition(elements(merged), elements(setOrder), mergeKey, inOrder, serverOnly);
      Kind kind = sliceElementType(originalList, patchList);
      original.set(
          key,
          normalizeElementOrder(
              inOrder, serverOnly, elements(setOrder), serverOrder, mergeKey, kind));
      patch.remove(key);
    }
  }

  private static boolean isMapList(List<JsonNode> list) {
    return !list.isEmpty() && list.get(0).isObject();
  }

  /**
   * The original list as upstream's code still sees it after merging a patch list into it. Go
   * deletes list elements by shifting the rest left inside the same backing array and appends new
   * elements into the slots that frees, so its original slice header (which {@code
   * $setElementOrder} then orders server-only items by) shows the remaining elements, then the
   * first appended ones, then stale copies of former last elements. Reproducing that view
   * reproduces upstream's element order when a patch deletes and adds elements at once.
   */
  private static List<JsonNode> aliasedView(
      List<JsonNode> original, List<JsonNode> patch, String mergeKey) {
    int n = original.size();
    Map<GoValues.Key, List<Integer>> positions = new HashMap<>();
    for (int i = 0; i < n; i++) {
      JsonNode value = original.get(i).get(mergeKey);
      if (value != null) {
        positions.computeIfAbsent(GoValues.key(value), k -> new ArrayList<>()).add(i);
      }
    }
    boolean[] deleted = new boolean[n];
    List<Integer> deletionOrder = new ArrayList<>();
    List<JsonNode> plain = new ArrayList<>();
    boolean replace = false;
    for (JsonNode element : patch) {
      JsonNode directive = element.get(DIRECTIVE);
      if (directive == null) {
        plain.add(element);
      } else if (isString(directive, DELETE)) {
        for (int i : positions.getOrDefault(GoValues.key(element.get(mergeKey)), List.of())) {
          if (!deleted[i]) {
            deleted[i] = true;
            deletionOrder.add(i);
          }
        }
      } else if (isString(directive, REPLACE)) {
        replace = true;
      }
    }
    int d = deletionOrder.size();
    if (d == 0) {
      return original;
    }
    List<JsonNode> view = new ArrayList<>(n);
    Set<GoValues.Key> present = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (!deleted[i]) {
        view.add(original.get(i));
        JsonNode value = original.get(i).get(mergeKey);
        if (value != null) {
          present.add(GoValues.key(value));
        }
      }
    }
    // slot n-1-k keeps the list's last element from before the (k+1)-th deletion
    JsonNode[] stale = new JsonNode[d];
    boolean[] gone = new boolean[n];
    int last = n - 1;
    for (int k = 0; k < d; k++) {
      while (gone[last]) {
        last--;
      }
      stale[k] = original.get(last);
      gone[deletionOrder.get(k)] = true;
    }
    List<JsonNode> appended = new ArrayList<>();
    if (!replace) {
      for (JsonNode element : plain) {
        if (present.add(GoValues.key(element.get(mergeKey)))) {
          appended.add(element);
        }
      }
    }
    for (int p = n - d; p < n; p++) {
      int j = p - (n - d);
      view.add(j < appended.size() ? appended.get(j) : stale[n - 1 - p]);
    }
    return view;
  }

  /**
   * Checks that the patch list's items (but deletions) appear in the {@code $setElementOrder} list
   * in the same relative order.
   */
  private static void validateAgainstOrder(
      @Nullable ArrayNode patchList, ArrayNode setOrder, String mergeKey) {
    if (setOrder.isEmpty() || patchList == null || patchList.isEmpty()) {
      return;
    }
    List<JsonNode> items = elements(patchList);
    if (!mergeKey.isEmpty()) {
      List<JsonNode> toDelete = new ArrayList<>();
      items = splitDeletions(items, toDelete);
    }
    int p = 0;
    int s = 0;
    while (p < items.size() && s < setOrder.size()) {
      JsonNode item = items.get(p);
      if (item.isObject() && item.has(DIRECTIVE)) {
        p++;
        continue;
      }
      if (mergeKeyValueEqual(item, setOrder.get(s), mergeKey)) {
        p++;
      }
      s++;
    }
    if (p < items.size() && s >= setOrder.size()) {
      throw PatchErrors.badRequest(
          "The order in patch list:\n"
              + GoValues.v(patchList)
              + "\n doesn't match "
              + SET_ELEMENT_ORDER
              + " list:\n"
              + GoValues.v(setOrder)
              + "\n");
    }
  }

  private static boolean mergeKeyValueEqual(JsonNode left, JsonNode right, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return GoValues.equal(left, right);
    }
    if (!left.isObject()) {
      throw PatchErrors.badArgType(Kind.MAP, left);
    }
    if (!right.isObject()) {
      throw PatchErrors.badArgType(Kind.MAP, right);
    }
    if (!left.has(mergeKey)) {
      throw PatchErrors.noMergeKey(left, mergeKey);
    }
    if (!right.has(mergeKey)) {
      throw PatchErrors.noMergeKey(right, mergeKey);
    }
    return GoValues.equal(left.get(mergeKey), right.get(mergeKey));
  }

  /** Lists merge with the {@code merge} strategy (and deletion lists always); else replaced. */
  private static ArrayNode mergeSliceByStrategy(
      ArrayNode original,
      ArrayNode patch,
      PatchSchema items,
      @Nullable String strategy,
      String mergeKey,
      boolean deleteList) {
    if (MERGE.equals(strategy) || deleteList) {
      return mergeSlice(original, patch, items, mergeKey, deleteList);
    }
    return patch;
  }

  private static ArrayNode mergeSlice(
      ArrayNode originalList,
      ArrayNode patchList,
      PatchSchema items,
      String mergeKey,
      boolean deleteList) {
    if (originalList.isEmpty() && patchList.isEmpty()) {
      return originalList;
    }
    Kind kind = sliceElementType(originalList, patchList);
    List<JsonNode> original = elements(originalList);
    List<JsonNode> patch = elements(patchList);
    List<JsonNode> merged;
    if (kind != Kind.MAP) {
      if (deleteList) {
        return toArray(deleteFromSlice(original, patch));
      }
      merged = new ArrayList<>(original.size() + patch.size());
      Set<GoValues.Key> seen = new HashSet<>();
      for (JsonNode value : original) {
        if (seen.add(GoValues.key(value))) {
          merged.add(value);
        }
      }
      for (JsonNode value : patch) {
        if (seen.add(GoValues.key(value))) {
          merged.add(value);
        }
      }
    } else {
      if (mergeKey.isEmpty()) {
        throw PatchErrors.badRequest("cannot merge lists without merge key for struct");
      }
      List<JsonNode> plain = new ArrayList<>(patch.size());
      original = mergeSpecialElements(original, patch, mergeKey, plain);
      patch = plain;
      merged = mergeByKey(original, patch, mergeKey, items);
    }
    List<JsonNode> inPatch = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    partition(merged, patch, mergeKey, inPatch, serverOnly);
    return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind);
  }

  /**
   * Handles the elements of a patch list that carry {@code $patch}: {@code delete} removes the
   * original elements with the same merge key, {@code replace} makes the other patch elements the
   * new list. Adds the other elements to {@code plain}; returns the original to merge them into
   * (and clears {@code plain} on replace, whose elements become that original).
   */
  private static List<JsonNode> mergeSpecialElements(
      List<JsonNode> original, List<JsonNode> patch, String mergeKey, List<JsonNode> plain) {
    boolean replace = false;
    Set<GoValues.Key> deleted = new HashSet<>();
    for (JsonNode element : patch) {
      JsonNode directive = element.get(DIRECTIVE);
      if (directive == null) {
        plain.add(element);
      } else if (isString(directive, DELETE)) {
        if (!element.has(mergeKey)) {
          throw PatchErrors.noMergeKey(element, mergeKey);
        }
        deleted.add(GoValues.key(element.get(mergeKey)));
      } else if (isString(directive, REPLACE)) {
        replace = true; // keep going: other elements may still be directives to drop
      } else if (isString(directive, MERGE)) {
        throw PatchErrors.badRequest("merging lists cannot yet be specified in the patch");
      } else {
        throw PatchErrors.badPatchType(directive, element);
      }
    }
    if (replace) {
      List<JsonNode> replacement = new ArrayList<>(plain);
      plain.clear();
      return replacement;
    }
    if (deleted.isEmpty()) {
      return original;
    }
    // every element whose merge key a deletion names goes, whatever the order of the deletions
    List<JsonNode> kept = new ArrayList<>(original.size());
    for (JsonNode candidate : original) {
      JsonNode value = candidate.get(mergeKey);
      if (value == null || !deleted.contains(GoValues.key(value))) {
        kept.add(candidate);
      }
    }
    return kept;
  }

  /** Merges each patch element into the original element with its merge key, or appends it. */
  private static List<JsonNode> mergeByKey(
      List<JsonNode> original, List<JsonNode> patch, String mergeKey, PatchSchema items) {
    List<JsonNode> merged = new ArrayList<>(original);
    Map<GoValues.Key, Integer> positions = new HashMap<>();
    for (int i = 0; i < merged.size(); i++) {
      JsonNode value = merged.get(i).get(mergeKey);
      if (value != null) {
        positions.putIfAbsent(GoValues.key(value), i);
      }
    }
    for (JsonNode element : patch) {
      if (!element.has(mergeKey)) {
        throw PatchErrors.noMergeKey(element, mergeKey);
      }
      GoValues.Key key = GoValues.key(element.get(mergeKey));
      Integer position = positions.get(key);
      if (position != null) {
        merged.set(
            position, mergeMap((ObjectNode) merged.get(position), (ObjectNode) element, items));
      } else {
        positions.put(key, merged.size());
        merged.add(element);
      }
    }
    return merged;
  }

  /** {@code $deleteFromPrimitiveList}: drops every original element listed. */
  private static List<JsonNode> deleteFromSlice(List<JsonNode> current, List<JsonNode> toDelete) {
    Set<GoValues.Key> deleted = new HashSet<>();
    for (JsonNode value : toDelete) {
      deleted.add(GoValues.key(value));
    }
    List<JsonNode> kept = new ArrayList<>(current.size());
    for (JsonNode value : current) {
      if (!deleted.contains(GoValues.key(value))) {
        kept.add(value);
      }
    }
    return kept;
  }

  /**
   * Splits {@code all} into the elements found in {@code by} (by merge key, or by value for
   * scalars) and the others, keeping their order.
   */
  private static void partition(
      List<JsonNode> all,
      List<JsonNode> by,
      String mergeKey,
      List<JsonNode> found,
      List<JsonNode> notFound) {
    if (mergeKey.isEmpty()) {
      Set<GoValues.Key> present = new HashSet<>();
      for (JsonNode value : by) {
        present.add(GoValues.key(value));
      }
      for (JsonNode value : all) {
        (present.contains(GoValues.key(value)) ? found : notFound).add(value);
      }
      return;
    }
    // upstream scans `by` up to the first match and fails on a non-map before it
    Map<GoValues.Key, Integer> first = new HashMap<>();
    int firstNonMap = by.size();
    for (int i = 0; i < by.size(); i++) {
      JsonNode candidate = by.get(i);
      if (!candidate.isObject()) {
        firstNonMap = i;
        break;
      }
      JsonNode value = candidate.get(mergeKey);
      if (value != null) {
        first.putIfAbsent(GoValues.key(value), i);
      }
    }
    for (JsonNode element : all) {
      if (!element.isObject()) {
        throw PatchErrors.badArgType(Kind.MAP, element);
      }
      if (!element.has(mergeKey)) {
        throw PatchErrors.noMergeKey(element, mergeKey);
      }
      Integer position = first.get(GoValues.key(element.get(mergeKey)));
      if (position != null) {
        found.add(element);
      } else if (firstNonMap < by.size()) {
        throw PatchErrors.badRequest("value for key " + firstNonMap + " is not a map");
      } else {
        notFound.add(element);
      }
    }
  }

  /**
   * The element order upstream gives a merged list: patch items in patch order, server-only items
   * in server order, interleaved where the server order relates them.
   */
  private static ArrayNode normalizeElementOrder(
      List<JsonNode> patchItems,
      List<JsonNode> serverOnly,
      List<JsonNode> patchOrder,
      List<JsonNode> serverOrder,
      String mergeKey,
      Kind kind) {
    List<JsonNode> patchSorted = sortByOrder(patchItems, patchOrder, mergeKey, kind);
    List<JsonNode> serverSorted = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
    Positions server = new Positions(serverOrder, mergeKey, kind);
    ArrayNode result = NODES.arrayNode(serverSorted.size() + patchSorted.size());
    int i = 0;
    int j = 0;
    while (i < serverSorted.size() || j < patchSorted.size()) {
      if (j >= patchSorted.size()) {
        result.add(serverSorted.get(i++));
      } else if (i >= serverSorted.size()) {
        result.add(patchSorted.get(j++));
      } else {
        int left = server.of(serverSorted.get(i));
        int right = server.of(patchSorted.get(j));
        if (left >= 0 && right >= 0 && left < right) {
          result.add(serverSorted.get(i++));
        } else {
          result.add(patchSorted.get(j++));
        }
      }
    }
    return result;
  }

  /** Upstream's {@code normalizeSliceOrder}: sorts by position in {@code order}, deletions last. */
  private static List<JsonNode> sortByOrder(
      List<JsonNode> toSort, List<JsonNode> order, String mergeKey, Kind kind) {
    List<JsonNode> sorted = new ArrayList<>(toSort);
    List<JsonNode> toDelete = new ArrayList<>();
    if (kind == Kind.MAP) {
      requireMergeKey(sorted, mergeKey);
      requireMergeKey(order, mergeKey);
      sorted = splitDeletions(sorted, toDelete);
    }
    Positions positions = new Positions(order, mergeKey, kind);
    List<Ranked> ranked = new ArrayList<>(sorted.size());
    for (JsonNode node : sorted) {
      ranked.add(new Ranked(node, positions.of(node)));
    }
    GoStableSort.sort(
        ranked,
        (a, b) -> a.position() >= 0 && b.position() >= 0 ? a.position() < b.position() : true);
    List<JsonNode> result = new ArrayList<>(ranked.size() + toDelete.size());
    for (Ranked r : ranked) {
      result.add(r.node());
    }
    result.addAll(toDelete);
    return result;
  }

  private record Ranked(JsonNode node, int position) {}

  private static void requireMergeKey(List<JsonNode> list, String mergeKey) {
    for (JsonNode item : list) {
      if (!item.isObject()) {
        throw PatchErrors.badArgType(Kind.MAP, item);
      }
      if (!item.has(mergeKey)) {
        throw PatchErrors.noMergeKey(item, mergeKey);
      }
    }
  }

  /** Returns the elements without {@code $patch: delete}, adding those to {@code toDelete}. */
  private static List<JsonNode> splitDeletions(List<JsonNode> items, List<JsonNode> toDelete) {
    List<JsonNode> kept = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (!item.isObject()) {
        throw PatchErrors.badArgType(Kind.MAP, item);
      }
      if (isString(item.get(DIRECTIVE), DELETE)) {
        toDelete.add(item);
      } else {
        kept.add(item);
      }
    }
    return kept;
  }

  /** First positions of values in a list: by merge key value for maps, by value otherwise. */
  private static final class Positions {
    private final Map<GoValues.Key, Integer> first = new HashMap<>();
    private final String mergeKey;
    private final Kind kind;

    Positions(List<JsonNode> list, String mergeKey, Kind kind) {
      this.mergeKey = mergeKey;
      this.kind = kind;
      for (int i = 0; i < list.size(); i++) {
        first.putIfAbsent(lookupKey(list.get(i)), i);
      }
    }

    int of(JsonNode node) {
      return first.getOrDefault(lookupKey(node), -1);
    }

    private GoValues.Key lookupKey(JsonNode node) {
      if (kind != Kind.MAP) {
        return GoValues.key(node);
      }
      return GoValues.key(node.isObject() ? node.get(mergeKey) : null);
    }
  }

  /**
   * The one Go type of all elements of the lists: lists of lists are refused (422), mixed types and
   * lists without elements are errors.
   */
  private static Kind sliceElementType(@Nullable ArrayNode... lists) {
    Kind type = null;
    for (ArrayNode list : lists) {
      if (list == null) {
        continue;
      }
      for (JsonNode element : list) {
        Kind kind = GoValues.kind(element);
        if (type == null) {
          if (kind == Kind.NIL) {
            throw notIdentical(lists);
          }
          if (kind == Kind.SLICE) {
            throw PatchErrors.genericInvalid("lists of lists are not supported");
          }
          type = kind;
        } else if (type != kind) {
          throw notIdentical(lists);
        }
      }
    }
    if (type == null) {
      throw PatchErrors.badRequest("no elements in any of the given slices");
    }
    return type;
  }

  private static ApiException notIdentical(@Nullable ArrayNode... lists) {
    List<@Nullable JsonNode> all = new ArrayList<>(lists.length);
    for (ArrayNode list : lists) {
      all.add(list);
    }
    return PatchErrors.badRequest(
        "list element types are not identical: " + GoValues.sprintSlices(all));
  }

  /** {@code $setElementOrder/containers} to {@code containers}. */
  private static String listName(String key, String prefix, String badFormat) {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
      throw PatchErrors.badRequest(badFormat);
    }
    return key.substring(slash + 1);
  }

  /** Drops null map members at any depth (through lists too); list elements stay. */
  private static void discardNullValues(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (e.getValue().isNull()) {
          nulls.add(e.getKey());
        } else {
          discardNullValues(e.getValue());
        }
      }
      object.remove(nulls);
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        discardNullValues(element);
      }
    }
  }

  /**
   * The value without the maps that carry {@code $patch} (a value taken as a whole cannot use a
   * directive); null when the value itself is such a map.
   */
  private static @Nullable JsonNode removeDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has(DIRECTIVE)) {
        return null;
      }
      List<String> dropped = new ArrayList<>();
      Map<String, JsonNode> replaced = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        JsonNode kept = removeDirectives(e.getValue());
        if (kept == null) {
          dropped.add(e.getKey());
        } else if (kept != e.getValue()) {
          replaced.put(e.getKey(), kept);
        }
      }
      object.remove(dropped);
      replaced.forEach(object::set);
      return object;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode result = NODES.arrayNode(array.size());
      for (JsonNode element : array) {
        JsonNode kept = removeDirectives(element);
        if (kept != null) {
          result.add(kept);
        }
      }
      return result;
    }
    return node;
  }

  private static boolean isString(@Nullable JsonNode node, String value) {
    return node != null && node.isString() && node.stringValue().equals(value);
  }

  private static List<JsonNode> elements(ArrayNode array) {
    List<JsonNode> list = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      list.add(element);
    }
    return list;
  }

  private static ArrayNode toArray(List<JsonNode> list) {
    ArrayNode array = NODES.arrayNode(list.size());
    for (JsonNode element : list) {
      array.add(element);
    }
    return array;
  }
}
