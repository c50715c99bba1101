package io.kapi.api.errors;

import io.kapi.api.meta.Status;
import io.kapi.api.meta.StatusDetails;
import io.kapi.api.meta.StatusReasons;

/**
 * Factories for the {@link ApiException}s of upstream's {@code k8s.io/apimachinery/pkg/api/errors},
 * with the same codes, reasons and message texts so clients react to them the same way.
 */
public final class ApiErrors {
  /** The message of a path nothing serves. */
  public static final String NOT_FOUND_MESSAGE = "the server could not find the requested resource";

  private ApiErrors() {}

  /** 404 for a path no server of the chain serves. */
  public static ApiException pathNotFound() {
    return new ApiException(Status.failure(404, StatusReasons.NOT_FOUND, NOT_FOUND_MESSAGE));
  }

  /** 404 {@code <resource> "<name>" not found}. */
  public static ApiException notFound(String group, String resource, String name) {
    return withDetails(
        404, StatusReasons.NOT_FOUND, qualified(group, resource) + " \"" + name + "\" not found",
        name, group, resource);
  }

  /** 409 {@code <resource> "<name>" already exists}. */
  public static ApiException alreadyExists(String group, String resource, String name) {
    return withDetails(
        409, StatusReasons.ALREADY_EXISTS,
        qualified(group, resource) + " \"" + name + "\" already exists", name, group, resource);
  }

  /** 409 Conflict: the object was modified since the client read it. */
  public static ApiException conflict(String group, String resource, String name, String detail) {
    return withDetails(
        409, StatusReasons.CONFLICT,
        "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name + "\": "
            + detail,
        name, group, resource);
  }

  /** 400 with a free-text message. */
  public static ApiException badRequest(String message) {
    return new ApiException(Status.failure(400, StatusReasons.BAD_REQUEST, message));
  }

  /** 401 {@code Unauthorized}. */
  public static ApiException unauthorized() {
    return new ApiException(Status.failure(401, StatusReasons.UNAUTHORIZED, "Unauthorized"));
  }

  /** 405 for a method no route of a served path allows. */
  public static ApiException methodNotAllowed() {
    return new ApiException(
        Status.failure(
            405, StatusReasons.METHOD_NOT_ALLOWED,
            "the server does not allow this method on the requested resource"));
  }

  /** 406 listing what the server can produce. */
  public static ApiException notAcceptable(Iterable<String> accepted) {
    return new ApiException(
        Status.failure(
            406, StatusReasons.NOT_ACCEPTABLE,
            "only the following media types are accepted: " + String.join(", ", accepted)));
  }

  /** 415 listing what the server can read. */
  public static ApiException unsupportedMediaType(Iterable<String> accepted) {
    return new ApiException(
        Status.failure(
            415, StatusReasons.UNSUPPORTED_MEDIA_TYPE,
            "the body of the request was in an unknown format - accepted media types include: "
                + String.join(", ", accepted)));
  }

  /** 413 for a body over the limit. */
  public static ApiException requestEntityTooLarge(long limit) {
    return new ApiException(
        Status.failure(
            413, StatusReasons.REQUEST_ENTITY_TOO_LARGE,
            "Request entity too large: limit is " + limit));
  }

  /** 504 for a request that did not finish in time. */
  public static ApiException timeout() {
    return new ApiException(
        Status.failure(
            504, StatusReasons.TIMEOUT,
            "Timeout: request did not complete within the allotted timeout"));
  }

  /** 500 {@code Internal error occurred: <detail>}. */
  public static ApiException internalError(String detail) {
    return new ApiException(
        Status.failure(
            500, StatusReasons.INTERNAL_ERROR, "Internal error occurred: " + detail));
  }

  /** 503 with a free-text message. */
  public static ApiException serviceUnavailable(String message) {
    return new ApiException(Status.failure(503, StatusReasons.SERVICE_UNAVAILABLE, message));
  }

  /**
   * 422 Invalid: {@code <Kind[.group]> "<name>" is invalid: <error>} (or {@code [e1, e2]} for several),
   * details carrying the Kind, the group and one cause per error.
   */
  public static ApiException invalid(
      String group, String kind, String name, java.util.List<FieldError> errors) {
    String subject = (group.isEmpty() ? kind : kind + "." + group) + " \"" + name + "\"";
    String message;
    if (errors.isEmpty()) {
      message = subject + " is invalid";
    } else if (errors.size() == 1) {
      message = subject + " is invalid: " + errors.get(0);
    } else {
      message =
          subject + " is invalid: ["
              + String.join(", ", errors.stream().map(FieldError::toString).toList()) + "]";
    }
    StatusDetails details =
        new StatusDetails(
            name.isEmpty() ? null : name,
            group.isEmpty() ? null : group,
            kind.isEmpty() ? null : kind,
            null,
            errors.stream().map(FieldError::toCause).toList(),
            0);
    return new ApiException(
        Status.failure(422, StatusReasons.INVALID, message).withDetails(details));
  }

  /** {@code pods} for the core group, {@code deployments.apps} otherwise. */
  static String qualified(String group, String resource) {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  private static ApiException withDetails(
      int code, String reason, String message, String name, String group, String resource) {
    StatusDetails details =
        new StatusDetails(
            name.isEmpty() ? null : name, group.isEmpty() ? null : group, resource, null, null, 0);
    return new ApiException(Status.failure(code, reason, message).withDetails(details));
  }
}
