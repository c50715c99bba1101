package io.kapi.server.schema;

import io.kapi.api.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The type-meta checks upstream makes on {@code x-kubernetes-embedded-resource} objects below the
 * root ({@code apiextensions-apiserver} {@code objectmeta.Validate}): {@code apiVersion} and {@code
 * kind} are required non-empty strings, {@code apiVersion} parses as a group version and {@code
 * kind} is a mixed-case DNS-1035 label. Their {@code metadata} is left to object-meta validation.
 */
final class EmbeddedResourceValidator {
  private static final Pattern DNS1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
  private static final String DNS1035_MESSAGE =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or"
          + " 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

  private EmbeddedResourceValidator() {}

  static List<FieldError> validate(StructuralSchema schema, JsonNode value, String path) {
    List<FieldError> errors = new ArrayList<>();
    visit(schema, value, path, errors);
    return errors;
  }

  private static void visit(StructuralSchema s, JsonNode value, String path, List<FieldError> out) {
    if (value.isObject()) {
      if (s.embeddedResource()) {
        validateTypeMeta(value, path, out);
      }
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        StructuralSchema property = s.propertyOrNull(e.getKey());
        if (property != null) {
          visit(property, e.getValue(), FieldPaths.child(path, e.getKey()), out);
        } else {
          StructuralSchema additional = s.additionalPropertiesOrNull();
          if (additional != null) {
            visit(additional, e.getValue(), FieldPaths.key(path, e.getKey()), out);
          }
        }
      }
    } else if (value.isArray()) {
      StructuralSchema items = s.itemsOrNull();
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          visit(items, value.get(i), FieldPaths.index(path, i), out);
        }
      }
    }
  }

  private static void validateTypeMeta(JsonNode object, String path, List<FieldError> out) {
    String apiVersionPath = FieldPaths.child(path, "apiVersion");
    String kindPath = FieldPaths.child(path, "kind");
    JsonNode apiVersion = object.get("apiVersion");
    JsonNode kind = object.get("kind");
    if (apiVersion == null) {
      out.add(FieldError.required(apiVersionPath, ""));
    }
    if (kind == null) {
      out.add(FieldError.required(kindPath, ""));
    }
    if (apiVersion != null) {
      if (!apiVersion.isString()) {
        out.add(
            FieldError.invalid(
                apiVersionPath, GoValues.errorValue(apiVersion), "must be a string"));
      } else if (apiVersion.stringValue().isEmpty()) {
        out.add(FieldError.invalid(apiVersionPath, "", "must not be empty"));
      } else if (apiVersion.stringValue().chars().filter(c -> c == '/').count() > 1) {
        String v = apiVersion.stringValue();
        out.add(FieldError.invalid(apiVersionPath, v, "unexpected GroupVersion string: " + v));
      }
    }
    if (kind != null) {
      if (!kind.isString()) {
        out.add(FieldError.invalid(kindPath, GoValues.errorValue(kind), "must be a string"));
      } else if (kind.stringValue().isEmpty()) {
        out.add(FieldError.invalid(kindPath, "", "must not be empty"));
      } else {
        String lower = kind.stringValue().toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (lower.length() > 63) {
          problems.add("must be no more than 63 characters");
        }
        if (!DNS1035_LABEL.matcher(lower).matches()) {
          problems.add(DNS1035_MESSAGE);
        }
        if (!problems.isEmpty()) {
          out.add(
              FieldError.invalid(
                  kindPath,
                  kind.stringValue(),
                  "may have mixed case, but should otherwise match: "
                      + String.join(",", problems)));
        }
      }
    }
  }
}
