package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Options of a create, update or patch: {@code dryRun} (validate and answer as if written, persist
 * nothing) and how unknown fields are treated.
 */
public record WriteOptions(boolean dryRun, FieldValidation fieldValidation) {

  /** A real write with the server's default field validation ({@code Warn}). */
  public static final WriteOptions DEFAULT = new WriteOptions(false, FieldValidation.WARN);

  public WriteOptions {
    checkNotNull(fieldValidation, "fieldValidation");
  }
}
