package io.kapi.restcontainer;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Documentation of one parameter of a {@link Route} (later turned into OpenAPI). Only
 * {@link Kind#PATH} parameters are checked against the route: their name must appear in the
 * path template.
 *
 * @param name the parameter name, e.g. {@code namespace} or {@code labelSelector}
 * @param kind where the parameter travels
 * @param dataType its OpenAPI data type, e.g. {@code string}, {@code integer}, {@code boolean}
 * @param description what it means
 * @param required whether a request must carry it
 */
public record Parameter(
    String name, Kind kind, String dataType, String description, boolean required) {

  /** Where a parameter travels in the request. */
  public enum Kind {
    /** A {@code {name}} segment of the path template. */
    PATH,
    /** A query-string parameter. */
    QUERY,
    /** The request body. */
    BODY,
    /** A request header. */
    HEADER
  }

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if {@code name} or {@code dataType} is empty
   */
  public Parameter {
    checkNotNull(name, "name");
    checkNotNull(kind, "kind");
    checkNotNull(dataType, "dataType");
    checkNotNull(description, "description");
    checkArgument(!name.isEmpty(), "parameter name must not be empty");
    checkArgument(!dataType.isEmpty(), "data type of parameter %s must not be empty", name);
  }

  /** A required string path parameter. */
  public static Parameter path(String name, String description) {
    return new Parameter(name, Kind.PATH, "string", description, true);
  }

  /** An optional string query parameter. */
  public static Parameter query(String name, String description) {
    return new Parameter(name, Kind.QUERY, "string", description, false);
  }

  /** A required body parameter. */
  public static Parameter body(String name, String description) {
    return new Parameter(name, Kind.BODY, "object", description, true);
  }

  /** An optional string header parameter. */
  public static Parameter header(String name, String description) {
    return new Parameter(name, Kind.HEADER, "string", description, false);
  }
}
