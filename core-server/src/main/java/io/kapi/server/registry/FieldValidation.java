package io.kapi.server.registry;

/**
 * What to do with fields of a request body the resource's schema does not know ({@code
 * ?fieldValidation=}): drop them silently, drop them with a {@code Warning} header per field (the
 * server default), or reject the request.
 */
public enum FieldValidation {
  IGNORE("Ignore"),
  WARN("Warn"),
  STRICT("Strict");

  private final String wireName;

  FieldValidation(String wireName) {
    this.wireName = wireName;
  }

  /** The query parameter value, e.g. {@code Warn}. */
  public String wireName() {
    return wireName;
  }
}
