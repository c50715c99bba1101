package io.kapi.server.registry;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.CauseTypes;
import io.kapi.api.meta.ListMeta;
import io.kapi.api.meta.Status;
import io.kapi.api.meta.StatusCause;
import io.kapi.api.meta.StatusDetails;
import io.kapi.api.meta.StatusReasons;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The API errors of the registry and REST layer that {@link ApiErrors} does not have, with
 * upstream's codes, reasons and texts ({@code apimachinery/pkg/api/errors}, {@code
 * apiserver/pkg/storage}).
 */
public final class RegistryErrors {
  /** upstream's {@code OptimisticLockErrorMsg}. */
  public static final String OPTIMISTIC_LOCK =
      "the object has been modified; please apply your changes to the latest version and try again";

  /** A list at a compacted resourceVersion (etcd3's {@code expired}). */
  public static final String LIST_EXPIRED = "The resourceVersion for the provided list is too old.";

  /** A continue token whose revision was compacted (etcd3's {@code inconsistentContinue}). */
  public static final String INCONSISTENT_CONTINUE =
      "The provided continue parameter is too old to display a consistent list result. You can"
          + " start a new list without the continue parameter, or use the continue token in this"
          + " response to retrieve the remainder of the results. Continuing with the provided token"
          + " results in an inconsistent list - objects that were created, modified, or deleted"
          + " between the time the first chunk was returned and now may show up in the list.";

  private RegistryErrors() {}

  /** 410 Expired with {@code message}. */
  public static ApiException expired(String message) {
    return new ApiException(Status.failure(410, StatusReasons.EXPIRED, message));
  }

  /** 410 Expired for a compacted continue token, carrying a token to continue inconsistently. */
  public static ApiException inconsistentContinue(String continueToken) {
    Status status = Status.failure(410, StatusReasons.EXPIRED, INCONSISTENT_CONTINUE);
    return new ApiException(
        new Status(
            status.kind(),
            status.apiVersion(),
            new ListMeta(null, null, continueToken, null),
            status.status(),
            status.message(),
            status.reason(),
            null,
            410));
  }

  /**
   * 504 Timeout {@code Timeout: Too large resource version: N, current: M} with cause {@code
   * ResourceVersionTooLarge}, retry after 1 s (the watch cache's answer).
   */
  public static ApiException tooLargeResourceVersion(long requested, long current) {
    StatusDetails details =
        new StatusDetails(
            null,
            null,
            null,
            null,
            List.of(
                new StatusCause(
                    CauseTypes.RESOURCE_VERSION_TOO_LARGE, "Too large resource version", null)),
            1);
    return new ApiException(
        Status.failure(
                504,
                StatusReasons.TIMEOUT,
                "Timeout: Too large resource version: " + requested + ", current: " + current)
            .withDetails(details));
  }

  /**
   * 409 AlreadyExists when no generated name was free: {@code <resource> "<name>" already exists,
   * the server was not able to generate a unique name for the object}, retry after 1 s.
   */
  public static ApiException generateNameConflict(String group, String resource, String name) {
    String qualified = group.isEmpty() ? resource : resource + "." + group;
    StatusDetails details =
        new StatusDetails(name, group.isEmpty() ? null : group, resource, null, null, 1);
    return new ApiException(
        Status.failure(
                409,
                StatusReasons.ALREADY_EXISTS,
                qualified
                    + " \""
                    + name
                    + "\" already exists, the server was not able to generate a unique name for"
                    + " the object")
            .withDetails(details));
  }

  /**
   * A 500 for a plain (non-Status) error, as upstream writes one: reason empty, the error text as
   * message.
   */
  public static ApiException unknown(int code, String message) {
    return new ApiException(Status.failure(code, StatusReasons.UNKNOWN, message));
  }

  /** 422 Invalid on one of the request option kinds of {@code meta.k8s.io} ({@code ListOptions}). */
  public static ApiException invalidOptions(String optionsKind, List<FieldError> errors) {
    return ApiErrors.invalid("meta.k8s.io", optionsKind, "", errors);
  }

  /** 406 NotAcceptable with a free-text message. */
  public static ApiException notAcceptable(String message) {
    return new ApiException(Status.failure(406, StatusReasons.NOT_ACCEPTABLE, message));
  }

  static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
