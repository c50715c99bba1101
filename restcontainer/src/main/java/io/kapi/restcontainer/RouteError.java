package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Why no route could serve a request: the value handed to the {@link ErrorWriter}.
 *
 * @param statusCode the HTTP status to answer, always {@code kind.statusCode()}
 * @param kind which selection step failed
 * @param supportedMediaTypes for {@link Kind#NOT_ACCEPTABLE} the types the candidate routes
 *     produce, for {@link Kind#UNSUPPORTED_MEDIA_TYPE} the types they consume (each listed once, in
 *     route order); empty otherwise
 */
public record RouteError(int statusCode, Kind kind, List<String> supportedMediaTypes) {

  /** The selection step that failed, with its HTTP status. */
  public enum Kind {
    /** No route of the web service matches the path, or no web service matches it: 404. */
    NOT_FOUND(404),
    /** Routes match the path but none has the request method: 405. */
    METHOD_NOT_ALLOWED(405),
    /** No route with the method produces a type the {@code Accept} header allows: 406. */
    NOT_ACCEPTABLE(406),
    /** No route with the method consumes the request's {@code Content-Type}: 415. */
    UNSUPPORTED_MEDIA_TYPE(415);

    private final int statusCode;

    Kind(int statusCode) {
      this.statusCode = statusCode;
    }

    /** The HTTP status code of this kind of error. */
    public int statusCode() {
      return statusCode;
    }
  }

  /**
   * Checks the fields and copies the media types.
   *
   * @throws IllegalArgumentException if {@code statusCode} is not the status of {@code kind}
   */
  public RouteError {
    checkNotNull(kind, "kind");
    checkNotNull(supportedMediaTypes, "supportedMediaTypes");
    checkArgument(
        statusCode == kind.statusCode(),
        "status code %s does not match kind %s (%s)",
        statusCode,
        kind,
        kind.statusCode());
    supportedMediaTypes = ImmutableList.copyOf(supportedMediaTypes);
  }

  /** Returns the error of {@code kind} with its status code and the given media types. */
  public static RouteError of(Kind kind, List<String> supportedMediaTypes) {
    checkNotNull(kind, "kind");
    return new RouteError(kind.statusCode(), kind, supportedMediaTypes);
  }
}
