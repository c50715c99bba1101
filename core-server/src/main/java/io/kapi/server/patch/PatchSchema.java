package io.kapi.server.patch;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a strategic merge patch needs to know about one node of a resource's schema: how the lists
 * below it merge. It mirrors the {@code x-kubernetes-patch-merge-key} and {@code
 * x-kubernetes-patch-strategy} extensions (Go's {@code patchMergeKey}/{@code patchStrategy} tags),
 * which sit on the field that holds a list or map, so {@code
 * pod.field("spec").field("containers").patchMergeKey()} is {@code name} and {@code ...items()} the
 * container schema.
 *
 * <p>Where nothing is described, {@link #unknown()} stands in: maps merge key by key, lists are
 * replaced, as for unstructured data upstream. Schema engines adapt their own model to this
 * interface; {@link #builder()} describes small schemas by hand (tests, fixed kinds).
 *
 * <pre>{@code
 * PatchSchema container = PatchSchema.builder()
 *     .field("env", PatchSchema.builder().patchMergeKey("name").patchStrategies("merge").build())
 *     .build();
 * PatchSchema pod = PatchSchema.builder()
 *     .field("spec", PatchSchema.builder()
 *         .field("containers", PatchSchema.builder()
 *             .patchMergeKey("name").patchStrategies("merge").items(container).build())
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface PatchSchema {

  /** The schema of property {@code name} of this object, or {@link #unknown()} if not described. */
  PatchSchema field(String name);

  /** The schema of this list's elements, or {@link #unknown()} if not described. */
  PatchSchema items();

  /** The key that identifies elements of this list of objects when merging ({@code name}). */
  Optional<String> patchMergeKey();

  /**
   * The patch strategies of this field: empty (lists are replaced, maps merged), {@code [merge]},
   * {@code [replace]}, {@code [retainKeys]} or {@code [merge, retainKeys]}.
   */
  List<String> patchStrategies();

  /**
   * {@code x-kubernetes-list-type} ({@code atomic}, {@code set} or {@code map}). Strategic merge
   * patch does not use it (upstream merges by patch strategy only); server-side apply does.
   */
  Optional<String> listType();

  /** {@code x-kubernetes-list-map-keys} of a {@code map} list; empty otherwise. */
  List<String> listMapKeys();

  /** False for {@link #unknown()}: nothing is described here or below. */
  boolean isKnown();

  /** The schema of undescribed data: every field and item is unknown too, with no metadata. */
  static PatchSchema unknown() {
    return UnknownPatchSchema.INSTANCE;
  }

  /** Starts describing a schema node. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a described {@link PatchSchema} node; not thread-safe, the result is immutable. */
  final class Builder {
    private final Map<String, PatchSchema> fields = new LinkedHashMap<>();
    private @Nullable PatchSchema items;
    private @Nullable String patchMergeKey;
    private List<String> patchStrategies = List.of();
    private @Nullable String listType;
    private List<String> listMapKeys = List.of();

    private Builder() {}

    /** Describes property {@code name}. */
    public Builder field(String name, PatchSchema schema) {
      checkNotNull(name, "name");
      checkNotNull(schema, "schema");
      checkArgument(!fields.containsKey(name), "field %s described twice", name);
      fields.put(name, schema);
      return this;
    }

    /** Describes the elements of this list. */
    public Builder items(PatchSchema schema) {
      this.items = checkNotNull(schema, "schema");
      return this;
    }

    /** Sets the merge key of this list of objects. */
    public Builder patchMergeKey(String key) {
      checkNotNull(key, "key");
      checkArgument(!key.isEmpty(), "empty merge key");
      this.patchMergeKey = key;
      return this;
    }

    /**
     * Sets the patch strategies: one of {@code merge}, {@code replace}, {@code retainKeys}, or
     * {@code retainKeys} with one of the others, as upstream allows.
     */
    public Builder patchStrategies(String... strategies) {
      checkNotNull(strategies, "strategies");
      List<String> list = List.of(strategies);
      checkArgument(
          PatchStrategies.isValid(list), "unexpected patch strategy: %s", String.join(",", list));
      this.patchStrategies = list;
      return this;
    }

    /** Sets {@code x-kubernetes-list-type}: {@code atomic}, {@code set} or {@code map}. */
    public Builder listType(String type) {
      checkNotNull(type, "type");
      checkArgument(
          type.equals("atomic") || type.equals("set") || type.equals("map"),
          "unknown list type %s",
          type);
      this.listType = type;
      return this;
    }

    /** Sets {@code x-kubernetes-list-map-keys}. */
    public Builder listMapKeys(String... keys) {
      checkNotNull(keys, "keys");
      this.listMapKeys = List.of(keys);
      return this;
    }

    /** The described node; fields and items not described are {@link PatchSchema#unknown()}. */
    public PatchSchema build() {
      return new DescribedPatchSchema(
          Map.copyOf(fields),
          items == null ? PatchSchema.unknown() : items,
          Optional.ofNullable(patchMergeKey),
          patchStrategies,
          Optional.ofNullable(listType),
          listMapKeys);
    }
  }
}
