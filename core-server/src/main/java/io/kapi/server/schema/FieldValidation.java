package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.schema.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code fieldValidation} query parameter of create, update and patch: what to do with the
 * unknown fields {@link Pruner} removed. {@link #WARN} is the default.
 */
public enum FieldValidation {
  /** Drop unknown fields silently. */
  IGNORE("Ignore"),
  /** Drop unknown fields and answer with one {@code Warning} per field. */
  WARN("Warn"),
  /** Reject the request with a 400 strict decoding error. */
  STRICT("Strict");

  private static final List<String> SUPPORTED = List.of("", "Ignore", "Strict", "Warn");

  private final String value;

  FieldValidation(String value) {
    this.value = value;
  }

  /** The parameter value, e.g. {@code Strict}. */
  public String value() {
    return value;
  }

  /**
   * Parses the parameter; absent or empty means {@link #WARN}. Values are case-sensitive.
   *
   * @param optionsKind the options kind the parameter belongs to ({@code CreateOptions}, {@code
   *     UpdateOptions} or {@code PatchOptions}), named by the error
   * @throws ApiException 422 Invalid on {@code <optionsKind>.meta.k8s.io} for any other value, as
   *     upstream's {@code ValidateFieldValidation}: {@code fieldValidation: Unsupported value: "x":
   *     supported values: "", "Ignore", "Strict", "Warn"}
   */
  public static FieldValidation parse(@Nullable String value, String optionsKind) {
    checkNotNull(optionsKind, "optionsKind");
    if (value == null || value.isEmpty()) {
      return WARN;
    }
    for (FieldValidation v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    throw ApiErrors.invalid(
        "meta.k8s.io",
        optionsKind,
        "",
        List.of(FieldError.notSupported("fieldValidation", value, SUPPORTED)));
  }

  /** Upstream's text for one unknown field: {@code unknown field "spec.foo"}. */
  public static String unknownFieldMessage(String path) {
    checkNotNull(path, "path");
    return "unknown field \"" + path + "\"";
  }

  /**
   * Applies this directive to the paths {@link Pruner} reported for a request body of kind {@code
   * gvk}, returning the warnings to send ({@code unknown field "spec.foo"}, one per path, for
   * {@link #WARN}; none otherwise).
   *
   * @throws ApiException for {@link #STRICT} with unknown fields: 400 BadRequest {@code Foo in
   *     version "v1" cannot be handled as a Foo: strict decoding error: unknown field "spec.foo"}
   */
  public List<String> handleUnknownFields(List<String> unknownFieldPaths, GroupVersionKind gvk) {
    checkNotNull(unknownFieldPaths, "unknownFieldPaths");
    checkNotNull(gvk, "gvk");
    if (unknownFieldPaths.isEmpty() || this == IGNORE) {
      return List.of();
    }
    List<String> messages = new ArrayList<>(unknownFieldPaths.size());
    for (String path : unknownFieldPaths) {
      messages.add(unknownFieldMessage(path));
    }
    if (this == WARN) {
      return List.copyOf(messages);
    }
    throw strictDecodingError(messages, gvk);
  }

  /** Upstream's {@code transformDecodeError} of a {@code strictDecodingError}. */
  static ApiException strictDecodingError(List<String> messages, GroupVersionKind gvk) {
    return ApiErrors.badRequest(
        gvk.kind()
            + " in version \""
            + gvk.version()
            + "\" cannot be handled as a "
            + gvk.kind()
            + ": strict decoding error: "
            + String.join(", ", messages));
  }
}
