package io.kapi.server.endpoints;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiErrors;
import io.kapi.server.patch.PatchSchema;
import io.kapi.server.patch.PatchType;
import io.kapi.server.patch.Patcher;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link PatchApplier} backed by Kapi's patch engine: JSON patch, JSON merge patch and (for
 * kinds with a schema that carries merge keys, i.e. built-in kinds) strategic merge patch.
 * Server-side apply is not served yet, so its content type is not listed.
 */
public final class SchemaPatchApplier implements PatchApplier {
  private final Patcher patcher;
  private final PatchSchema schema;
  private final List<String> types;

  private SchemaPatchApplier(Patcher patcher, PatchSchema schema, boolean strategic) {
    this.patcher = patcher;
    this.schema = schema;
    this.types =
        PatchType.contentTypes(strategic).stream()
            .filter(t -> !t.equals(PatchType.APPLY_PATCH_YAML.contentType()))
            .toList();
  }

  /** JSON, merge and strategic merge patch with {@code schema}'s merge keys. */
  public static SchemaPatchApplier strategic(Patcher patcher, PatchSchema schema) {
    return new SchemaPatchApplier(
        checkNotNull(patcher, "patcher"), checkNotNull(schema, "schema"), true);
  }

  /** JSON and merge patch only, as for custom resources. */
  public static SchemaPatchApplier jsonAndMerge(Patcher patcher) {
    return new SchemaPatchApplier(checkNotNull(patcher, "patcher"), PatchSchema.unknown(), false);
  }

  @Override
  public List<String> patchTypes() {
    return types;
  }

  @Override
  public ObjectNode apply(String patchType, ObjectNode original, byte[] patch) {
    PatchType type =
        PatchType.fromContentType(patchType)
            .filter(t -> types.contains(t.contentType()))
            .orElseThrow(() -> ApiErrors.unsupportedMediaType(types));
    return patcher.apply(type, original, patch, schema);
  }
}
