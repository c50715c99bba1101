package io.kapi.server.patch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A schema node built with {@link PatchSchema#builder()}. */
record DescribedPatchSchema(
    Map<String, PatchSchema> fields,
    PatchSchema items,
    Optional<String> patchMergeKey,
    List<String> patchStrategies,
    Optional<String> listType,
    List<String> listMapKeys)
    implements PatchSchema {

  @Override
  public PatchSchema field(String name) {
    return fields.getOrDefault(name, PatchSchema.unknown());
  }

  @Override
  public boolean isKnown() {
    return true;
  }
}
