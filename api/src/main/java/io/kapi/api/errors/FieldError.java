package io.kapi.api.errors;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.internal.GoStrings;
import io.kapi.api.meta.CauseTypes;
import io.kapi.api.meta.StatusCause;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One validation failure of one field, as upstream's {@code field.Error}: a type (Required,
 * Invalid, NotSupported...), the field path ({@code spec.containers[0].image}), the offending value
 * and a detail. {@link #toString()} is upstream's {@code Error()} text, {@link #body()} its {@code
 * ErrorBody()}; {@link ApiErrors#invalid} turns a list of them into a 422.
 */
public record FieldError(Type type, String field, @Nullable Object badValue, String detail) {

  /** Upstream's {@code field.ErrorType}s, with their cause reasons and texts. */
  public enum Type {
    NOT_FOUND(CauseTypes.FIELD_VALUE_NOT_FOUND, "Not found"),
    REQUIRED(CauseTypes.FIELD_VALUE_REQUIRED, "Required value"),
    DUPLICATE(CauseTypes.FIELD_VALUE_DUPLICATE, "Duplicate value"),
    INVALID(CauseTypes.FIELD_VALUE_INVALID, "Invalid value"),
    NOT_SUPPORTED(CauseTypes.FIELD_VALUE_NOT_SUPPORTED, "Unsupported value"),
    FORBIDDEN(CauseTypes.FIELD_VALUE_FORBIDDEN, "Forbidden"),
    TOO_LONG(CauseTypes.FIELD_VALUE_TOO_LONG, "Too long"),
    TOO_MANY(CauseTypes.FIELD_VALUE_TOO_MANY, "Too many"),
    INTERNAL(CauseTypes.INTERNAL_ERROR, "Internal error"),
    TYPE_INVALID(CauseTypes.FIELD_VALUE_TYPE_INVALID, "Invalid value");

    private final String reason;
    private final String text;

    Type(String reason, String text) {
      this.reason = reason;
      this.text = text;
    }

    /** The {@code StatusCause.reason}, e.g. {@code FieldValueRequired}. */
    public String reason() {
      return reason;
    }

    /** The text that starts the error body, e.g. {@code Required value}. */
    public String text() {
      return text;
    }
  }

  public FieldError {
    checkNotNull(type, "type");
    checkNotNull(field, "field");
    checkNotNull(detail, "detail");
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(String field, @Nullable Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError typeInvalid(String field, @Nullable Object value, String detail) {
    return new FieldError(Type.TYPE_INVALID, field, value, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError duplicate(String field, @Nullable Object value) {
    return new FieldError(Type.DUPLICATE, field, value, "");
  }

  public static FieldError notFound(String field, @Nullable Object value) {
    return new FieldError(Type.NOT_FOUND, field, value, "");
  }

  /** {@code Unsupported value: "x": supported values: "a", "b"}. */
  public static FieldError notSupported(String field, @Nullable Object value, List<String> valid) {
    String detail =
        valid.isEmpty()
            ? ""
            : "supported values: "
                + valid.stream().map(GoStrings::quote).collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, field, value, detail);
  }

  /** Upstream's {@code ErrorBody()}: the type's text, the value where it says one, the detail. */
  public String body() {
    StringBuilder s = new StringBuilder(type.text());
    switch (type) {
      case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> {}
      default -> s.append(": ").append(formatValue(badValue));
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  /** The cause of a 422 {@code Status} for this error. */
  public StatusCause toCause() {
    return new StatusCause(type.reason(), body(), field);
  }

  /** Upstream's {@code Error()}: {@code <field>: <body>}. */
  @Override
  public String toString() {
    return field.isEmpty() ? body() : field + ": " + body();
  }

  /** Values as Go's {@code %#v}-ish output upstream prints: strings quoted, null as {@code null}. */
  static String formatValue(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence text) {
      return GoStrings.quote(text.toString());
    }
    return value.toString();
  }
}
