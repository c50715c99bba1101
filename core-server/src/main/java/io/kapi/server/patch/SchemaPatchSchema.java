package io.kapi.server.patch;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.schema.PatchMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The patcher's view of a structural schema: merge keys, patch strategies and list types read
 * from the schema's {@code x-kubernetes-*} extensions, so built-in kinds described by the published
 * OpenAPI documents (and records with patch annotations) get strategic merge patch semantics.
 */
public final class SchemaPatchSchema implements PatchSchema {
  private final PatchMetadata metadata;

  private SchemaPatchSchema(PatchMetadata metadata) {
    this.metadata = metadata;
  }

  /** The patch view of {@code metadata}'s schema. */
  public static PatchSchema of(PatchMetadata metadata) {
    return new SchemaPatchSchema(checkNotNull(metadata, "metadata"));
  }

  @Override
  public PatchSchema field(String name) {
    return metadata.field(name).map(SchemaPatchSchema::of).orElseGet(PatchSchema::unknown);
  }

  @Override
  public PatchSchema items() {
    return metadata.items().map(SchemaPatchSchema::of).orElseGet(PatchSchema::unknown);
  }

  @Override
  public Optional<String> patchMergeKey() {
    return metadata.patchMergeKey();
  }

  @Override
  public List<String> patchStrategies() {
    return metadata.patchStrategies();
  }

  @Override
  public Optional<String> listType() {
    return metadata.listType();
  }

  @Override
  public List<String> listMapKeys() {
    return metadata.listMapKeys();
  }

  @Override
  public boolean isKnown() {
    return true;
  }

  @Override
  public String toString() {
    return "SchemaPatchSchema[" + metadata + "]";
  }
}
