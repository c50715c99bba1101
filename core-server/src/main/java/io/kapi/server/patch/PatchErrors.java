package io.kapi.server.patch;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.Status;
import io.kapi.api.meta.StatusDetails;
import io.kapi.api.meta.StatusReasons;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link ApiException}s a patch fails with, with upstream's codes and texts ({@code
 * handlers/patch.go}, {@code mergepatch/errors.go}, evanphx/json-patch).
 */
final class PatchErrors {
  /** The message of upstream's generic 422 ({@code NewGenericServerResponse}). */
  static final String GENERIC_INVALID_MESSAGE =
      "the server rejected our request due to an error in our request";

  private PatchErrors() {}

  /** 400 for a body that is not JSON at all. */
  static ApiException invalidJson() {
    return ApiErrors.badRequest("invalid JSON patch");
  }

  static ApiException badRequest(String message) {
    return ApiErrors.badRequest(message);
  }

  /**
   * 422 as upstream answers a JSON patch operation that does not apply (and a few strategic merge
   * patch errors): a fixed message and empty details; the reason stays in the exception's cause.
   */
  static ApiException genericInvalid(String reason) {
    Status status =
        Status.failure(422, StatusReasons.INVALID, GENERIC_INVALID_MESSAGE)
            .withDetails(new StatusDetails(null, null, null, null, null, 0));
    return new ApiException(status, new PatchFailure(reason));
  }

  /** 413 for a JSON patch with more operations than upstream allows. */
  static ApiException tooManyOperations(int max, int count) {
    return new ApiException(
        Status.failure(
            413,
            StatusReasons.REQUEST_ENTITY_TOO_LARGE,
            "Request entity too large: The allowed maximum operations in a JSON patch is "
                + max
                + ", got "
                + count));
  }

  /**
   * 422 {@code "" is invalid: patch: ...} as upstream answers a patched document that no longer
   * decodes into an object.
   */
  static ApiException invalidResult(@Nullable String patched, String detail) {
    FieldError error =
        patched == null
            ? FieldError.forbidden("patch", detail)
            : FieldError.invalid("patch", patched, detail);
    return ApiErrors.invalid("", "", "", List.of(error));
  }

  /** Upstream's {@code mergepatch.ErrBadArgType}: {@code expected a X, but received a Y}. */
  static ApiException badArgType(GoValues.Kind expected, @Nullable JsonNode actual) {
    GoValues.Kind kind = GoValues.kind(actual);
    String received = kind == GoValues.Kind.NIL ? "%!s(<nil>)" : kind.typeName();
    return badRequest("expected a " + expected.typeName() + ", but received a " + received);
  }

  /** Upstream's {@code mergepatch.ErrNoMergeKey}. */
  static ApiException noMergeKey(JsonNode map, String mergeKey) {
    return badRequest(
        "map: " + GoValues.v(map) + " does not contain declared merge key: " + mergeKey);
  }

  /** Upstream's {@code mergepatch.ErrBadPatchType}. */
  static ApiException badPatchType(JsonNode directive, JsonNode map) {
    return badRequest(
        "unknown patch type: " + GoValues.s(directive) + " in map: " + GoValues.v(map));
  }

  /** Why a patch did not apply, in upstream's words, for logs and tests. */
  static final class PatchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PatchFailure(String message) {
      super(message, null, false, false);
    }
  }
}
