package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Validates JSON against a {@link StructuralSchema} the way upstream validates custom resources,
 * with the same {@code field.Error}s: e.g. {@code spec.replicas: Invalid value: "string":
 * spec.replicas in body must be of type integer: "string"}, {@code spec.foo: Required value},
 * {@code spec.mode: Unsupported value: "x": supported values: "a", "b"}.
 *
 * <p>Three passes run in upstream's order: value validation ({@code kube-openapi}, dotted paths
 * such as {@code metadata.labels.app}), the checks of embedded resources' {@code apiVersion} and
 * {@code kind}, and the {@code x-kubernetes-list-type} invariants ({@code field.Path} paths such as
 * {@code spec.ports[1]}). Errors without a field, such as a failed {@code anyOf}, carry the field
 * {@code <nil>} as upstream's do.
 */
public final class SchemaValidator {
  private SchemaValidator() {}

  /** Validates a whole value (an object for a resource) against its schema. */
  public static List<FieldError> validate(StructuralSchema schema, JsonNode value) {
    return validate(schema, value, "");
  }

  /**
   * Validates a value that sits at {@code fieldPath} of its resource, e.g. the {@code status} of a
   * status update validated against the status schema.
   */
  public static List<FieldError> validate(
      StructuralSchema schema, JsonNode value, String fieldPath) {
    checkNotNull(schema, "schema");
    checkNotNull(value, "value");
    checkNotNull(fieldPath, "fieldPath");
    List<FieldError> errors = new ArrayList<>();
    for (ValueValidator.Error e : ValueValidator.validate(schema, value, "")) {
      errors.add(toFieldError(e, fieldPath));
    }
    errors.addAll(EmbeddedResourceValidator.validate(schema, value, fieldPath));
    errors.addAll(ListTypeValidator.validate(schema, value, fieldPath));
    return errors;
  }

  /** Upstream's {@code kubeOpenAPIResultToFieldErrors}. */
  static FieldError toFieldError(ValueValidator.Error e, String prefix) {
    String base = prefix.isEmpty() ? "<nil>" : prefix;
    if (e.code() == ValueValidator.Code.PLAIN) {
      return FieldError.invalid(base, "", e.message());
    }
    String name = e.name();
    String path =
        name.isEmpty() || name.equals(".")
            ? base
            : FieldPaths.child(prefix, name.startsWith(".") ? name.substring(1) : name);
    Object value = e.value() == null ? "" : e.value();
    return switch (e.code()) {
      case REQUIRED -> FieldError.required(path, "");
      case ENUM -> {
        List<String> supported = new ArrayList<>();
        for (JsonNode v : e.values()) {
          supported.add(v.isString() ? v.stringValue() : GoValues.json(v));
        }
        yield FieldError.notSupported(path, e.value(), supported);
      }
      case TOO_LONG ->
          new FieldError(
              FieldError.Type.TOO_LONG,
              path,
              "<value omitted>",
              "may not be more than " + e.valid() + (e.valid() == 1 ? " byte" : " bytes"));
      case MAX_ITEMS, TOO_MANY_PROPERTIES ->
          new FieldError(
              FieldError.Type.TOO_MANY,
              path,
              value,
              "must have at most " + e.valid() + (e.valid() == 1 ? " item" : " items"));
      case INVALID_TYPE -> FieldError.typeInvalid(path, value, e.message());
      default -> FieldError.invalid(path, value, e.message());
    };
  }
}
