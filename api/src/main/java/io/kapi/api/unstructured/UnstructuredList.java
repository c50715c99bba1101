package io.kapi.api.unstructured;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.kapi.api.internal.JsonTrees;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list of {@link Unstructured} objects ({@code {"apiVersion":…,"kind":"FooList","metadata":{…},
 * "items":[…]}}) as one JSON tree. Items share the tree: {@link #getItems()} wraps the elements
 * without copying, and {@link #add(Unstructured)} appends the item's own tree.
 *
 * <p>Mutable and not thread-safe.
 */
public final class UnstructuredList {
  private final ObjectNode object;

  /** An empty list object with {@code "items":[]}. */
  public UnstructuredList() {
    this(JsonNodeFactory.instance.objectNode());
  }

  /**
   * Wraps {@code object} without copying; a missing or non-array {@code items} becomes {@code []}.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public UnstructuredList(ObjectNode object) {
    this.object = checkNotNull(object, "object");
    if (!(object.get("items") instanceof ArrayNode)) {
      object.putArray("items");
    }
  }

  /**
   * {@code {"apiVersion":…,"kind":…,"metadata":{},"items":[]}} (list metadata is always written,
   * as upstream's lists do).
   */
  public static UnstructuredList of(String apiVersion, String kind) {
    checkNotNull(apiVersion, "apiVersion");
    checkNotNull(kind, "kind");
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.putObject("metadata");
    object.putArray("items");
    return new UnstructuredList(object);
  }

  /** The underlying tree (not a copy). */
  @JsonValue
  public ObjectNode object() {
    return object;
  }

  private ArrayNode itemsNode() {
    return (ArrayNode) object.get("items");
  }

  private ObjectNode metadataForWrite() {
    JsonNode metadata = object.get("metadata");
    return metadata instanceof ObjectNode m ? m : object.putObject("metadata");
  }

  private @Nullable ObjectNode metadata() {
    JsonNode metadata = object.get("metadata");
    return metadata instanceof ObjectNode m ? m : null;
  }

  public @Nullable String getApiVersion() {
    return JsonFields.string(object, "apiVersion");
  }

  public void setApiVersion(@Nullable String apiVersion) {
    JsonFields.setString(object, "apiVersion", apiVersion);
  }

  public @Nullable String getKind() {
    return JsonFields.string(object, "kind");
  }

  public void setKind(@Nullable String kind) {
    JsonFields.setString(object, "kind", kind);
  }

  /** {@code metadata.resourceVersion}, or null. */
  public @Nullable String getResourceVersion() {
    return JsonFields.string(metadata(), "resourceVersion");
  }

  public void setResourceVersion(@Nullable String resourceVersion) {
    JsonFields.setString(metadataForWrite(), "resourceVersion", resourceVersion);
  }

  /** {@code metadata.continue}, or null. */
  public @Nullable String getContinue() {
    return JsonFields.string(metadata(), "continue");
  }

  public void setContinue(@Nullable String continueToken) {
    JsonFields.setString(metadataForWrite(), "continue", continueToken);
  }

  /** {@code metadata.remainingItemCount}, or null. */
  public @Nullable Long getRemainingItemCount() {
    return JsonFields.nullableInteger(metadata(), "remainingItemCount");
  }

  /** Sets {@code metadata.remainingItemCount}; null removes it. */
  public void setRemainingItemCount(@Nullable Long count) {
    if (count == null) {
      metadataForWrite().remove("remainingItemCount");
    } else {
      metadataForWrite().put("remainingItemCount", count.longValue());
    }
  }

  /** The number of items. */
  public int size() {
    return itemsNode().size();
  }

  /**
   * The items that are objects, each wrapping its element of the tree (not copies). The returned
   * list itself is a snapshot: add items with {@link #add(Unstructured)}.
   */
  public List<Unstructured> getItems() {
    ArrayNode items = itemsNode();
    List<Unstructured> result = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (item instanceof ObjectNode o) {
        result.add(new Unstructured(o));
      }
    }
    return result;
  }

  /** Appends {@code item}'s tree (shared, not copied). */
  public void add(Unstructured item) {
    checkNotNull(item, "item");
    itemsNode().add(item.object());
  }

  /** Replaces all items. */
  public void setItems(List<Unstructured> items) {
    checkNotNull(items, "items");
    ArrayNode array = itemsNode();
    array.removeAll();
    items.forEach(this::add);
  }

  /** An independent copy. */
  public UnstructuredList deepCopy() {
    return new UnstructuredList(object.deepCopy());
  }

  /** Reorders every object of the tree into Go's map order, as upstream writes custom resource lists. */
  public void sortKeys() {
    JsonTrees.sortKeysInPlace(object);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UnstructuredList other && object.equals(other.object);
  }

  @Override
  public int hashCode() {
    return object.hashCode();
  }

  /** The compact JSON form. */
  @Override
  public String toString() {
    return object.toString();
  }
}
