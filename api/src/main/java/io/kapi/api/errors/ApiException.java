package io.kapi.api.errors;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.meta.Status;
import org.jspecify.annotations.Nullable;

/**
 * An API error: the request failed in a way the client should see, described by a Kubernetes
 * {@link Status}. Thrown anywhere below the HTTP edge, which writes the status with its code.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status status;

  public ApiException(Status status) {
    this(status, null);
  }

  public ApiException(Status status, @Nullable Throwable cause) {
    super(checkNotNull(status, "status").message(), cause);
    this.status = status;
  }

  /** The status the client receives. */
  public Status status() {
    return status;
  }

  /** The HTTP status code of the response. */
  public int code() {
    return status.code();
  }
}
