package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Options of a create, update or patch: {@code dryRun} (validate and answer as if written, persist
 * nothing), how unknown fields are treated, and — for requests whose Strict rejection upstream
 * words differently from a create's (patches) — the error to answer instead.
 */
public record WriteOptions(
    boolean dryRun, FieldValidation fieldValidation, @Nullable StrictRejection strictRejection) {

  /** A real write with the server's default field validation ({@code Warn}). */
  public static final WriteOptions DEFAULT = new WriteOptions(false, FieldValidation.WARN);

  /** Builds the error for an object with unknown fields under {@code fieldValidation=Strict}. */
  @FunctionalInterface
  public interface StrictRejection {
    /**
     * @param object the object as the request made it, unknown fields included (read-only)
     * @param unknownFields upstream's texts, e.g. {@code unknown field "spec.foo"}
     */
    ApiException reject(ObjectNode object, List<String> unknownFields);
  }

  public WriteOptions {
    checkNotNull(fieldValidation, "fieldValidation");
  }

  public WriteOptions(boolean dryRun, FieldValidation fieldValidation) {
    this(dryRun, fieldValidation, null);
  }

  /** These options, with unknown fields under Strict answered by {@code rejection}. */
  public WriteOptions rejectingUnknownFieldsWith(StrictRejection rejection) {
    checkNotNull(rejection, "rejection");
    return new WriteOptions(dryRun, fieldValidation, rejection);
  }
}
