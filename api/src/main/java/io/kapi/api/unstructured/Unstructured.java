package io.kapi.api.unstructured;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.kapi.api.codec.ApiCodec;
import io.kapi.api.codec.DecodeException;
import io.kapi.api.internal.GoFloats;
import io.kapi.api.internal.JsonTrees;
import io.kapi.api.meta.ObjectMeta;
import io.kapi.api.meta.OwnerReference;
import io.kapi.api.schema.GroupVersionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Any API object as a JSON tree, with typed accessors for the fields the generic machinery needs:
 * {@code apiVersion}, {@code kind} and {@code metadata.*}. Like upstream's {@code
 * unstructured.Unstructured}, it keeps fields it does not know, so objects of any kind (built-in
 * or custom) pass through unchanged, and it encodes byte for byte as it was decoded.
 *
 * <p>Accessors read the tree directly (no conversion); setters write it, and setting an empty
 * value (null, {@code ""}, 0 for generation, an empty map or list) removes the field, as upstream
 * does. Map and list getters return read-only views or copies that never are null. Instances are
 * mutable and not thread-safe: share a {@link #deepCopy()}.
 *
 * <pre>{@code
 * Unstructured obj = ApiCodec.json().decode(body, Unstructured.class);
 * obj.setUid(UUID.randomUUID().toString());
 * obj.setCreationTimestamp(Instant.now());
 * byte[] stored = ApiCodec.json().encode(obj);
 * }</pre>
 */
public final class Unstructured {
  private final ObjectNode object;

  /** An empty object ({@code {}}). */
  public Unstructured() {
    this(JsonNodeFactory.instance.objectNode());
  }

  /** Wraps {@code object} without copying; changes through either are visible to both. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public Unstructured(ObjectNode object) {
    this.object = checkNotNull(object, "object");
  }

  /** A new object {@code {"apiVersion":…,"kind":…}}. */
  public static Unstructured of(String apiVersion, String kind) {
    checkNotNull(apiVersion, "apiVersion");
    checkNotNull(kind, "kind");
    Unstructured u = new Unstructured();
    u.object.put("apiVersion", apiVersion);
    u.object.put("kind", kind);
    return u;
  }

  /**
   * The tree of a typed object (a record such as {@code Status}), as {@link
   * ApiCodec#toTree(Object)} writes it.
   *
   * @throws IllegalArgumentException if {@code value} does not encode to a JSON object
   */
  public static Unstructured from(Object value) {
    checkNotNull(value, "value");
    if (value instanceof Unstructured u) {
      return u.deepCopy();
    }
    JsonNode tree = ApiCodec.json().toTree(value);
    checkArgument(
        tree instanceof ObjectNode,
        "%s encodes to a JSON %s, not an object",
        value.getClass().getName(),
        tree.getNodeType());
    return new Unstructured((ObjectNode) tree);
  }

  /**
   * Decodes bytes of {@code codec}'s media type; the top level must be an object.
   *
   * @throws DecodeException if the bytes are malformed or not an object
   */
  public static Unstructured decode(ApiCodec codec, byte[] bytes) {
    checkNotNull(codec, "codec");
    checkNotNull(bytes, "bytes");
    return codec.decode(bytes, Unstructured.class);
  }

  /** Encodes with {@code codec} (field order as decoded or set). */
  public byte[] encode(ApiCodec codec) {
    checkNotNull(codec, "codec");
    return codec.encode(this);
  }

  /**
   * Binds the tree to a typed record.
   *
   * @throws DecodeException if the tree does not fit {@code type}
   */
  public <T> T to(Class<T> type) {
    checkNotNull(type, "type");
    return ApiCodec.json().fromTree(object, type);
  }

  /** The underlying tree (not a copy). */
  @JsonValue
  public ObjectNode object() {
    return object;
  }

  /** An independent copy. */
  public Unstructured deepCopy() {
    return new Unstructured(object.deepCopy());
  }

  /**
   * Reorders every object in the tree into Go's map order (sorted keys), the order in which
   * upstream writes custom resources.
   */
  public void sortKeys() {
    JsonTrees.sortKeysInPlace(object);
  }

  // ---- type ----

  /** {@code apiVersion}, or null if absent. */
  public @Nullable String getApiVersion() {
    return JsonFields.string(object, "apiVersion");
  }

  public void setApiVersion(@Nullable String apiVersion) {
    JsonFields.setString(object, "apiVersion", apiVersion);
  }

  /** {@code kind}, or null if absent. */
  public @Nullable String getKind() {
    return JsonFields.string(object, "kind");
  }

  public void setKind(@Nullable String kind) {
    JsonFields.setString(object, "kind", kind);
  }

  /** The kind named by {@code apiVersion} and {@code kind} (empty strings for absent fields). */
  public GroupVersionKind getGroupVersionKind() {
    String apiVersion = getApiVersion();
    String kind = getKind();
    return GroupVersionKind.fromApiVersionAndKind(
        apiVersion == null ? "" : apiVersion, kind == null ? "" : kind);
  }

  /** Sets {@code apiVersion} and {@code kind}. */
  public void setGroupVersionKind(GroupVersionKind gvk) {
    checkNotNull(gvk, "gvk");
    setApiVersion(gvk.apiVersion());
    setKind(gvk.kind());
  }

  // ---- metadata ----

  private @Nullable ObjectNode metadata() {
    JsonNode metadata = object.get("metadata");
    return metadata instanceof ObjectNode m ? m : null;
  }

  private ObjectNode metadataForWrite() {
    ObjectNode metadata = metadata();
    return metadata != null ? metadata : object.putObject("metadata");
  }

  /** {@code metadata.name}, or null. */
  public @Nullable String getName() {
    return JsonFields.string(metadata(), "name");
  }

  public void setName(@Nullable String name) {
    JsonFields.setString(metadataForWrite(), "name", name);
  }

  /** {@code metadata.generateName}, or null. */
  public @Nullable String getGenerateName() {
    return JsonFields.string(metadata(), "generateName");
  }

  public void setGenerateName(@Nullable String generateName) {
    JsonFields.setString(metadataForWrite(), "generateName", generateName);
  }

  /** {@code metadata.namespace}, or null. */
  public @Nullable String getNamespace() {
    return JsonFields.string(metadata(), "namespace");
  }

  public void setNamespace(@Nullable String namespace) {
    JsonFields.setString(metadataForWrite(), "namespace", namespace);
  }

  /** {@code metadata.uid}, or null. */
  public @Nullable String getUid() {
    return JsonFields.string(metadata(), "uid");
  }

  public void setUid(@Nullable String uid) {
    JsonFields.setString(metadataForWrite(), "uid", uid);
  }

  /** {@code metadata.resourceVersion}, or null. */
  public @Nullable String getResourceVersion() {
    return JsonFields.string(metadata(), "resourceVersion");
  }

  public void setResourceVersion(@Nullable String resourceVersion) {
    JsonFields.setString(metadataForWrite(), "resourceVersion", resourceVersion);
  }

  /** {@code metadata.generation}, 0 if absent. */
  public long getGeneration() {
    return JsonFields.integer(metadata(), "generation");
  }

  /** Sets {@code metadata.generation}; 0 removes it. */
  public void setGeneration(long generation) {
    if (generation == 0) {
      metadataForWrite().remove("generation");
    } else {
      metadataForWrite().put("generation", generation);
    }
  }

  /** {@code metadata.creationTimestamp}, or null if absent or not RFC 3339. */
  public @Nullable Instant getCreationTimestamp() {
    return JsonFields.time(metadata(), "creationTimestamp");
  }

  /** Sets {@code metadata.creationTimestamp} (written with second precision); null removes it. */
  public void setCreationTimestamp(@Nullable Instant creationTimestamp) {
    JsonFields.setTime(metadataForWrite(), "creationTimestamp", creationTimestamp);
  }

  /** {@code metadata.deletionTimestamp}, or null if absent or not RFC 3339. */
  public @Nullable Instant getDeletionTimestamp() {
    return JsonFields.time(metadata(), "deletionTimestamp");
  }

  /** Sets {@code metadata.deletionTimestamp} (written with second precision); null removes it. */
  public void setDeletionTimestamp(@Nullable Instant deletionTimestamp) {
    JsonFields.setTime(metadataForWrite(), "deletionTimestamp", deletionTimestamp);
  }

  /** {@code metadata.deletionGracePeriodSeconds}, or null. */
  public @Nullable Long getDeletionGracePeriodSeconds() {
    return JsonFields.nullableInteger(metadata(), "deletionGracePeriodSeconds");
  }

  /** Sets {@code metadata.deletionGracePeriodSeconds}; null removes it (0 is kept). */
  public void setDeletionGracePeriodSeconds(@Nullable Long seconds) {
    if (seconds == null) {
      metadataForWrite().remove("deletionGracePeriodSeconds");
    } else {
      metadataForWrite().put("deletionGracePeriodSeconds", seconds.longValue());
    }
  }

  /**
   * {@code metadata.labels} as a read-only live view (lookups go to the tree; copy it to keep it).
   */
  public Map<String, String> getLabels() {
    return JsonFields.stringMap(metadata(), "labels");
  }

  /** Replaces {@code metadata.labels} (written in Go's map order); null or empty removes them. */
  public void setLabels(@Nullable Map<String, String> labels) {
    JsonFields.setStringMap(metadataForWrite(), "labels", labels);
  }

  /** {@code metadata.annotations} as a read-only live view. */
  public Map<String, String> getAnnotations() {
    return JsonFields.stringMap(metadata(), "annotations");
  }

  /** Replaces {@code metadata.annotations}; null or empty removes them. */
  public void setAnnotations(@Nullable Map<String, String> annotations) {
    JsonFields.setStringMap(metadataForWrite(), "annotations", annotations);
  }

  /** {@code metadata.finalizers} (an immutable copy; empty if absent). */
  public List<String> getFinalizers() {
    return JsonFields.stringList(metadata(), "finalizers");
  }

  /** Replaces {@code metadata.finalizers}; null or empty removes them. */
  public void setFinalizers(@Nullable List<String> finalizers) {
    JsonFields.setStringList(metadataForWrite(), "finalizers", finalizers);
  }

  /**
   * {@code metadata.ownerReferences}, converted to records.
   *
   * @throws DecodeException if they are malformed
   */
  public List<OwnerReference> getOwnerReferences() {
    return getObjectMeta().ownerReferences();
  }

  /**
   * The whole {@code metadata} as a record (converted, so costlier than the single-field
   * accessors).
   *
   * @throws DecodeException if the metadata is malformed
   */
  public ObjectMeta getObjectMeta() {
    ObjectNode metadata = metadata();
    return metadata == null
        ? ObjectMeta.empty()
        : ApiCodec.json().fromTree(metadata, ObjectMeta.class);
  }

  /** Replaces {@code metadata} with the JSON form of {@code meta}. */
  public void setObjectMeta(ObjectMeta meta) {
    checkNotNull(meta, "meta");
    object.set("metadata", ApiCodec.json().toTree(meta));
  }

  // ---- arbitrary fields ----

  /** The node at {@code path} ({@code "spec", "replicas"}), or null if any step is absent. */
  public @Nullable JsonNode getNested(String... path) {
    checkNotNull(path, "path");
    JsonNode current = object;
    for (String field : path) {
      if (!(current instanceof ObjectNode node)) {
        return null;
      }
      current = node.get(field);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** The string at {@code path}, or null if absent or not a string. */
  public @Nullable String getNestedString(String... path) {
    JsonNode node = getNested(path);
    return node != null && node.isString() ? node.stringValue() : null;
  }

  /**
   * Sets the node at {@code path}, creating intermediate objects (and replacing non-objects on the
   * way).
   *
   * @throws IllegalArgumentException if {@code path} is empty
   */
  public void setNested(JsonNode value, String... path) {
    checkNotNull(value, "value");
    checkNotNull(path, "path");
    checkArgument(path.length > 0, "path must not be empty");
    ObjectNode current = object;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode next = current.get(path[i]);
      current = next instanceof ObjectNode o ? o : current.putObject(path[i]);
    }
    current.set(path[path.length - 1], value);
  }

  /** Removes the node at {@code path}, if present. */
  public void removeNested(String... path) {
    checkNotNull(path, "path");
    if (path.length == 0) {
      return;
    }
    JsonNode parent = getNested(java.util.Arrays.copyOf(path, path.length - 1));
    if (parent instanceof ObjectNode node) {
      node.remove(path[path.length - 1]);
    }
  }

  /**
   * The value of a field-selector path such as {@code metadata.name} or {@code spec.color}: the
   * string, number or boolean at that dotted path as text, {@code ""} if absent or not a scalar
   * (as upstream's field sets, where a missing field equals the empty string). Pass {@code
   * unstructured::fieldValue} to {@link io.kapi.api.selector.FieldSelector#matches}.
   */
  public String fieldValue(String dottedPath) {
    checkNotNull(dottedPath, "dottedPath");
    JsonNode node = getNested(dottedPath.split("\\.", -1));
    if (node == null || !node.isValueNode() || node.isNull()) {
      return "";
    }
    if (node.isString()) {
      return node.stringValue();
    }
    return node.isFloatingPointNumber() ? GoFloats.format(node.doubleValue()) : node.asString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Unstructured other && object.equals(other.object);
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
