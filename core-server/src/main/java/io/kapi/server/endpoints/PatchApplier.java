package io.kapi.server.endpoints;

import io.kapi.api.codec.MediaTypes;
import io.kapi.api.errors.ApiException;
import io.kapi.server.patch.PatchType;
import io.kapi.server.patch.Patcher;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a PATCH request body to an object; the patch engine (JSON patch, merge patch, strategic
 * merge patch, server-side apply) implements it. Without one ({@link #NONE}), PATCH answers 415
 * for every patch type.
 *
 * <p>Implementations must be thread-safe and free of side effects: the store may apply the same
 * patch several times when concurrent writes force a retry.
 */
public interface PatchApplier {

  /** The patch types a custom-resource-like endpoint lists (no strategic merge patch). */
  List<String> DEFAULT_PATCH_TYPES =
      List.of(MediaTypes.JSON_PATCH, MediaTypes.MERGE_PATCH, MediaTypes.APPLY_PATCH_YAML);

  /** No patch support: every patch type is answered with 415. */
  PatchApplier NONE =
      new PatchApplier() {
        @Override
        public List<String> patchTypes() {
          return List.of();
        }

        @Override
        public ObjectNode apply(String patchType, ObjectNode original, byte[] patch) {
          throw new UnsupportedOperationException("no patch support");
        }
      };

  /**
   * The {@code Content-Type}s this applier handles (e.g. {@code application/merge-patch+json}), in
   * the order the 415 answer lists them.
   */
  List<String> patchTypes();

  /**
   * The result of applying {@code patch} (the request body) of {@code patchType} to {@code
   * original}, a copy the applier may modify. For {@code application/apply-patch+yaml} on a missing
   * object, {@code original} is an empty object. Malformed or inapplicable patches are reported as
   * an {@link io.kapi.api.errors.ApiException} (400, 409 or 422 as upstream answers them).
   */
  ObjectNode apply(String patchType, ObjectNode original, byte[] patch);

  /**
   * The error for a patch of {@code patchType} whose result {@code patched} has unknown fields
   * under {@code fieldValidation=Strict}; upstream's 422 by default (see {@link
   * Patcher#strictDecodingError}).
   */
  default ApiException strictDecodingError(
      String patchType, byte[] patch, ObjectNode patched, List<String> unknownFields) {
    PatchType type = PatchType.fromContentType(patchType).orElse(PatchType.MERGE_PATCH);
    return Patcher.strictDecodingError(type, patch, patched, unknownFields);
  }
}
