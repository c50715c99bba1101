package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The body of every error response, and of successful deletes: a Kubernetes {@code Status} object
 * ({@code {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",...,"code":404}}).
 *
 * <p>{@code metadata} is always written; other empty fields are omitted, as upstream does. A
 * decoded Status without {@code kind}/{@code apiVersion} gets {@code Status}/{@code v1}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "kind", "apiVersion", "metadata", "status", "message", "reason", "details", "code"
})
public record Status(
    String kind,
    String apiVersion,
    @JsonInclude(JsonInclude.Include.ALWAYS) ListMeta metadata,
    @Nullable String status,
    @Nullable String message,
    @Nullable String reason,
    @Nullable StatusDetails details,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int code) {

  /** {@code status} value of a failed request. */
  public static final String FAILURE = "Failure";

  /** {@code status} value of a successful request. */
  public static final String SUCCESS = "Success";

  public Status {
    kind = kind == null ? "Status" : kind;
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    metadata = metadata == null ? ListMeta.empty() : metadata;
  }

  /** A failure with an HTTP code, a machine-readable reason and a human message. */
  public static Status failure(int code, String reason, String message) {
    return new Status("Status", "v1", ListMeta.empty(), FAILURE, message, reason, null, code);
  }

  /** A success, as returned by a delete that removed the object at once. */
  public static Status success(@Nullable StatusDetails details) {
    return new Status("Status", "v1", ListMeta.empty(), SUCCESS, null, null, details, 0);
  }

  /** A copy with {@code details} replaced. */
  public Status withDetails(@Nullable StatusDetails newDetails) {
    return new Status(kind, apiVersion, metadata, status, message, reason, newDetails, code);
  }
}
