package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the strategic-merge patcher needs to know about one node of a schema: its children, and for
 * lists the {@code x-kubernetes-patch-merge-key}, {@code x-kubernetes-patch-strategy} ({@code
 * merge}, {@code replace}, {@code retainKeys}, or a comma list such as {@code merge,retainKeys}),
 * {@code x-kubernetes-list-type} and {@code x-kubernetes-list-map-keys}.
 *
 * <pre>{@code
 * PatchMetadata containers = resource.patchMetadata().field("spec").flatMap(s -> s.field("containers")).orElseThrow();
 * containers.patchMergeKey(); // Optional[name]
 * }</pre>
 */
public final class PatchMetadata {
  private final StructuralSchema schema;

  private PatchMetadata(StructuralSchema schema) {
    this.schema = schema;
  }

  /** The view of a schema node. */
  public static PatchMetadata of(StructuralSchema schema) {
    checkNotNull(schema, "schema");
    return new PatchMetadata(schema);
  }

  /** The schema node this view reads. */
  public StructuralSchema schema() {
    return schema;
  }

  /**
   * The metadata of a field of this object: a declared property, else the {@code
   * additionalProperties} schema (map values); empty when the schema says nothing about it.
   */
  public Optional<PatchMetadata> field(String name) {
    checkNotNull(name, "name");
    StructuralSchema property = schema.propertyOrNull(name);
    if (property == null) {
      property = schema.additionalPropertiesOrNull();
    }
    return property == null ? Optional.empty() : Optional.of(new PatchMetadata(property));
  }

  /** The metadata of this list's items. */
  public Optional<PatchMetadata> items() {
    StructuralSchema items = schema.itemsOrNull();
    return items == null ? Optional.empty() : Optional.of(new PatchMetadata(items));
  }

  /** {@code x-kubernetes-patch-merge-key}: the item field that identifies list items. */
  public Optional<String> patchMergeKey() {
    return schema.patchMergeKey();
  }

  /** {@code x-kubernetes-patch-strategy} as written, e.g. {@code merge,retainKeys}. */
  public Optional<String> patchStrategy() {
    return schema.patchStrategy();
  }

  /** The strategies of the comma list, e.g. {@code [merge, retainKeys]}; empty when absent. */
  public List<String> patchStrategies() {
    return schema
        .patchStrategy()
        .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList())
        .orElse(List.of());
  }

  /** Whether the patch strategy list contains {@code strategy}. */
  public boolean hasPatchStrategy(String strategy) {
    checkNotNull(strategy, "strategy");
    return patchStrategies().contains(strategy);
  }

  /** {@code x-kubernetes-list-type}: {@code atomic}, {@code set} or {@code map}. */
  public Optional<String> listType() {
    return schema.listType();
  }

  /** {@code x-kubernetes-list-map-keys}. */
  public List<String> listMapKeys() {
    return schema.listMapKeys();
  }

  /** {@code x-kubernetes-map-type}. */
  public Optional<String> mapType() {
    return schema.mapType();
  }

  /** The node's {@code type}. */
  public Optional<String> type() {
    return schema.type();
  }

  @Override
  public String toString() {
    return "PatchMetadata{"
        + schema
        + ", mergeKey="
        + patchMergeKey().orElse("")
        + ", strategy="
        + patchStrategy().orElse("")
        + "}";
  }
}
