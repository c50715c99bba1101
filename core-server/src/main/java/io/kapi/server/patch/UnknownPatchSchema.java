package io.kapi.server.patch;

import java.util.List;
import java.util.Optional;

/** {@link PatchSchema#unknown()}: no metadata anywhere below. */
enum UnknownPatchSchema implements PatchSchema {
  INSTANCE;

  @Override
  public PatchSchema field(String name) {
    return this;
  }

  @Override
  public PatchSchema items() {
    return this;
  }

  @Override
  public Optional<String> patchMergeKey() {
    return Optional.empty();
  }

  @Override
  public List<String> patchStrategies() {
    return List.of();
  }

  @Override
  public Optional<String> listType() {
    return Optional.empty();
  }

  @Override
  public List<String> listMapKeys() {
    return List.of();
  }

  @Override
  public boolean isKnown() {
    return false;
  }

  @Override
  public String toString() {
    return "PatchSchema.unknown()";
  }
}
