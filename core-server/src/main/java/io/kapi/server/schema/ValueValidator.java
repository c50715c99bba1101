package io.kapi.server.schema;

import io.kapi.api.internal.GoFloats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Value validation as {@code kube-openapi}'s {@code validate.SchemaValidator} does it for custom
 * resources: per node the type, junctor ({@code allOf/anyOf/oneOf/not}), string, format, number,
 * array, enum and object validators, in that order, each adding its own errors. Paths are
 * kube-openapi's dotted names ({@code spec.containers[0].image}, map keys as {@code
 * metadata.labels.app}); {@link SchemaValidator} turns the errors into {@code field.Error}s.
 */
final class ValueValidator {
  private static final String IN = "body";
  private static final double MAX_JSON_INTEGER = 9007199254740992d;

  /** kube-openapi's error codes, plus the plain errors that are not {@code errors.Validation}. */
  enum Code {
    INVALID_TYPE,
    REQUIRED,
    TOO_LONG,
    TOO_SHORT,
    PATTERN,
    ENUM,
    MULTIPLE_OF,
    MAXIMUM,
    MINIMUM,
    UNIQUE,
    MAX_ITEMS,
    MIN_ITEMS,
    TOO_FEW_PROPERTIES,
    TOO_MANY_PROPERTIES,
    UNALLOWED_PROPERTY,
    MULTIPLE_OF_MUST_BE_POSITIVE,
    /** Junctor failures and number range failures: plain errors without a field name. */
    PLAIN
  }

  /** One {@code errors.Validation}: code, name (path), value, limit and message. */
  record Error(
      Code code,
      String name,
      @Nullable Object value,
      long valid,
      List<JsonNode> values,
      String message) {
    static Error of(Code code, String name, @Nullable Object value, String message) {
      return new Error(code, name, value, -1, List.of(), message);
    }
  }

  private ValueValidator() {}

  /**
   * Validates {@code data} against {@code schema}; {@code path} is the data's path ({@code ""} at
   * the root).
   */
  static List<Error> validate(StructuralSchema schema, JsonNode data, String path) {
    List<Error> errors = new ArrayList<>();
    validate(schema, data, path, errors);
    return errors;
  }

  private static void validate(StructuralSchema s, JsonNode data, String path, List<Error> out) {
    if (data.isNull() || data.isMissingNode()) {
      validateType(s, data, path, out);
      validateEnum(s, data, path, out);
      return;
    }
    validateType(s, data, path, out);
    validateJunctors(s, data, path, out);
    if (data.isString()) {
      validateString(s, data.stringValue(), path, out);
      validateFormat(s, data.stringValue(), path, out);
    }
    if (data.isNumber()) {
      validateNumber(s, data, path, out);
    }
    if (data.isArray()) {
      validateArray(s, data, path, out);
    }
    validateEnum(s, data, path, out);
    if (data.isObject()) {
      validateObject(s, data, path, out);
    }
  }

  // ---- type ----

  private static void validateType(
      StructuralSchema s, JsonNode data, String path, List<Error> out) {
    List<String> types = s.validatedTypes();
    String format = s.validatedFormat;
    if (types.isEmpty() && format.isEmpty()) {
      return;
    }
    if (data.isNull() || data.isMissingNode()) {
      if (!types.isEmpty() && !types.contains("null") && !s.nullable()) {
        out.add(invalidType(path, String.join(",", types), "null"));
      }
      return;
    }
    String schType = GoValues.runtimeType(data);
    String dataFormat =
        switch (schType) {
          case "integer" -> "int64";
          case "number" -> "float64";
          default -> "";
        };
    boolean isFloatInt =
        schType.equals("number") && isJsonInteger(data.doubleValue()) && types.contains("integer");
    boolean isIntFloat = schType.equals("integer") && types.contains("number");
    boolean stringOrSlice = data.isString() || data.isArray();
    if (!stringOrSlice
        && !format.isEmpty()
        && !(types.contains(schType) || dataFormat.equals(format) || isFloatInt || isIntFloat)) {
      out.add(invalidType(path, format, dataFormat));
      return;
    }
    if (!(types.contains("number") || types.contains("integer"))
        && !format.isEmpty()
        && stringOrSlice) {
      return;
    }
    if (!(types.contains(schType) || isFloatInt || isIntFloat)) {
      out.add(invalidType(path, String.join(",", types), schType));
    }
  }

  /**
   * {@code errors.InvalidType} with a string value: {@code <path> in body must be of type <t>:
   * "<v>"}.
   */
  private static Error invalidType(String path, String typeName, String value) {
    return Error.of(
        Code.INVALID_TYPE,
        path,
        value,
        path + " in " + IN + " must be of type " + typeName + ": " + GoValues.quote(value));
  }

  // ---- junctors ----

  private static void validateJunctors(
      StructuralSchema s, JsonNode data, String path, List<Error> out) {
    List<StructuralSchema> anyOf = s.anyOf();
    if (!anyOf.isEmpty()) {
      List<Error> bestFailures = null;
      boolean succeeded = false;
      for (StructuralSchema branch : anyOf) {
        List<Error> result = validate(branch, data, path);
        if (result.isEmpty()) {
          succeeded = true;
          bestFailures = null;
          break;
        }
        if (bestFailures == null) {
          bestFailures = result;
        }
      }
      if (!succeeded) {
        out.add(plain(GoValues.quote(path) + " must validate at least one schema (anyOf)"));
      }
      if (bestFailures != null) {
        out.addAll(bestFailures);
      }
    }
    List<StructuralSchema> oneOf = s.oneOf();
    if (!oneOf.isEmpty()) {
      List<Error> bestFailures = null;
      int validated = 0;
      for (StructuralSchema branch : oneOf) {
        List<Error> result = validate(branch, data, path);
        if (result.isEmpty()) {
          validated++;
          bestFailures = null;
          continue;
        }
        if (validated == 0 && bestFailures == null) {
          bestFailures = result;
        }
      }
      if (validated != 1) {
        String detail =
            validated == 0 ? "Found none valid" : "Found " + validated + " valid alternatives";
        out.add(
            plain(
                GoValues.quote(path)
                    + " must validate one and only one schema (oneOf). "
                    + detail));
        if (bestFailures != null) {
          out.addAll(bestFailures);
        }
      }
    }
    List<StructuralSchema> allOf = s.allOf();
    if (!allOf.isEmpty()) {
      int validated = 0;
      for (StructuralSchema branch : allOf) {
        List<Error> result = validate(branch, data, path);
        if (result.isEmpty()) {
          validated++;
        }
        out.addAll(result);
      }
      if (validated != allOf.size()) {
        out.add(
            plain(
                GoValues.quote(path)
                    + " must validate all the schemas (allOf)"
                    + (validated == 0 ? ". None validated" : "")));
      }
    }
    StructuralSchema not = s.notOrNull();
    if (not != null && validate(not, data, path).isEmpty()) {
      out.add(plain(GoValues.quote(path) + " must not validate the schema (not)"));
    }
  }

  private static Error plain(String message) {
    return Error.of(Code.PLAIN, "", null, message);
  }

  // ---- strings and formats ----

  private static void validateString(
      StructuralSchema s, String data, String path, List<Error> out) {
    long length = data.codePointCount(0, data.length());
    Long maxLength = s.maxLengthOrNull();
    if (maxLength != null && length > maxLength) {
      out.add(
          new Error(
              Code.TOO_LONG,
              path,
              data,
              maxLength,
              List.of(),
              path + " in " + IN + " should be at most " + maxLength + " chars long"));
      return;
    }
    Long minLength = s.minLengthOrNull();
    if (minLength != null && length < minLength) {
      out.add(
          new Error(
              Code.TOO_SHORT,
              path,
              data,
              minLength,
              List.of(),
              path + " in " + IN + " should be at least " + minLength + " chars long"));
      return;
    }
    String pattern = s.patternOrNull();
    if (pattern != null) {
      Pattern compiled = s.compiledPattern;
      if (compiled == null) {
        out.add(
            Error.of(
                Code.PATTERN,
                path,
                data,
                path
                    + " in "
                    + IN
                    + " should match '"
                    + pattern
                    + ", but pattern is invalid: "
                    + s.patternError
                    + "'"));
      } else if (!compiled.matcher(data).find()) {
        out.add(
            Error.of(
                Code.PATTERN, path, data, path + " in " + IN + " should match '" + pattern + "'"));
      }
    }
  }

  private static void validateFormat(
      StructuralSchema s, String data, String path, List<Error> out) {
    String format = s.validatedFormat;
    if (Formats.isKnownStringFormat(format) && !Formats.validates(format, data)) {
      out.add(
          Error.of(
              Code.INVALID_TYPE,
              path,
              data,
              path + " in " + IN + " must be of type " + format + ": " + GoValues.quote(data)));
    }
  }

  // ---- numbers ----

  private static void validateNumber(
      StructuralSchema s, JsonNode data, String path, List<Error> out) {
    String typeName = "";
    String format = "";
    List<String> types = s.validatedTypes();
    if (types.size() == 1) {
      String declared = s.validatedFormat;
      if (types.get(0).equals("integer")) {
        typeName = "integer";
        format = declared.equals("int32") || declared.equals("int64") ? declared : "";
      } else if (types.get(0).equals("number")) {
        typeName = "number";
        format = declared.equals("float") || declared.equals("double") ? declared : "";
      }
    }
    boolean integral = GoValues.isInteger(data);
    String checked = rangeError(numberText(data), typeName, format, "Checked", path);
    if (checked != null) {
      out.add(plain(checked));
    }
    Double multipleOf = s.multipleOfOrNull();
    if (multipleOf != null) {
      boolean native_ =
          rangeError(floatText(multipleOf), typeName, format, "MultipleOf", path) == null;
      if (native_ && integral) {
        long factor = (long) multipleOf.doubleValue();
        if (factor <= 0) {
          out.add(mustBePositive(path, factor));
        } else if (data.longValue() % factor != 0) {
          out.add(notMultipleOf(path, String.valueOf(factor), data));
        }
      } else {
        double factor = multipleOf;
        if (factor <= 0) {
          out.add(mustBePositive(path, new GoValues.GoText(GoFloats.formatV(factor))));
        } else {
          double value = data.doubleValue();
          double mult = factor < 1 ? 1 / factor * value : value / factor;
          if (!isJsonInteger(mult)) {
            out.add(notMultipleOf(path, GoFloats.formatV(factor), data));
          }
        }
      }
    }
    Double minimum = s.minimumOrNull();
    if (minimum != null) {
      boolean native_ =
          rangeError(floatText(minimum), typeName, format, "Minimum boundary", path) == null;
      boolean exclusive = s.exclusiveMinimum();
      if (native_ && integral) {
        long min = (long) minimum.doubleValue();
        long value = data.longValue();
        if ((!exclusive && value < min) || (exclusive && value <= min)) {
          out.add(bound(Code.MINIMUM, path, exclusive, String.valueOf(min), data));
        }
      } else {
        double value = data.doubleValue();
        if ((!exclusive && value < minimum) || (exclusive && value <= minimum)) {
          out.add(bound(Code.MINIMUM, path, exclusive, GoFloats.formatV(minimum), data));
        }
      }
    }
    Double maximum = s.maximumOrNull();
    if (maximum != null) {
      boolean native_ =
          rangeError(floatText(maximum), typeName, format, "Maximum boundary", path) == null;
      boolean exclusive = s.exclusiveMaximum();
      if (native_ && integral) {
        long max = (long) maximum.doubleValue();
        long value = data.longValue();
        if ((!exclusive && value > max) || (exclusive && value >= max)) {
          out.add(bound(Code.MAXIMUM, path, exclusive, String.valueOf(max), data));
        }
      } else {
        double value = data.doubleValue();
        if ((!exclusive && value > maximum) || (exclusive && value >= maximum)) {
          out.add(bound(Code.MAXIMUM, path, exclusive, GoFloats.formatV(maximum), data));
        }
      }
    }
  }

  private static Error mustBePositive(String path, Object factor) {
    return Error.of(
        Code.MULTIPLE_OF_MUST_BE_POSITIVE,
        path,
        factor,
        "factor MultipleOf declared for " + path + " must be positive: " + factor);
  }

  private static Error notMultipleOf(String path, String factor, JsonNode data) {
    return Error.of(
        Code.MULTIPLE_OF,
        path,
        GoValues.errorValue(data),
        path + " in " + IN + " should be a multiple of " + factor);
  }

  private static Error bound(
      Code code, String path, boolean exclusive, String limit, JsonNode data) {
    String relation =
        code == Code.MAXIMUM
            ? (exclusive ? "should be less than " : "should be less than or equal to ")
            : (exclusive ? "should be greater than " : "should be greater than or equal to ");
    return Error.of(
        code, path, GoValues.errorValue(data), path + " in " + IN + " " + relation + limit);
  }

  /** Upstream's {@code IsValueValidAgainstRange}: whether a number fits the type and format. */
  private static @Nullable String rangeError(
      String text, String typeName, String format, String prefix, String path) {
    boolean ok = true;
    if (typeName.equals("integer")) {
      try {
        long v = Long.parseLong(text);
        if (format.equals("int32")) {
          ok = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
        }
      } catch (NumberFormatException e) {
        ok = false;
      }
    } else if (format.equals("float")) {
      double v = Double.parseDouble(text);
      ok = Math.abs(v) <= Float.MAX_VALUE;
    }
    if (ok) {
      return null;
    }
    return format.isEmpty()
        ? prefix + " value must be of type " + typeName + " (default format) in " + path
        : prefix + " value must be of type " + typeName + " with format " + format + " in " + path;
  }

  /** Go's {@code FormatInt} / {@code FormatFloat(f, 'f', -1, 64)} of a number. */
  private static String numberText(JsonNode data) {
    return GoValues.isInteger(data)
        ? String.valueOf(data.longValue())
        : floatText(data.doubleValue());
  }

  private static String floatText(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** go-openapi's {@code IsFloat64AJSONInteger}. */
  static boolean isJsonInteger(double f) {
    if (Double.isNaN(f) || Double.isInfinite(f) || f < -MAX_JSON_INTEGER || f > MAX_JSON_INTEGER) {
      return false;
    }
    return f == Math.rint(f);
  }

  // ---- arrays ----

  private static void validateArray(
      StructuralSchema s, JsonNode data, String path, List<Error> out) {
    int size = data.size();
    StructuralSchema items = s.itemsOrNull();
    if (items != null) {
      for (int i = 0; i < size; i++) {
        validate(items, data.get(i), path + "[" + i + "]", out);
      }
    }
    Long minItems = s.minItemsOrNull();
    if (minItems != null && size < minItems) {
      out.add(
          new Error(
              Code.MIN_ITEMS,
              path,
              (long) size,
              minItems,
              List.of(),
              path + " in " + IN + " should have at least " + minItems + " items"));
    }
    Long maxItems = s.maxItemsOrNull();
    if (maxItems != null && size > maxItems) {
      out.add(
          new Error(
              Code.MAX_ITEMS,
              path,
              (long) size,
              maxItems,
              List.of(),
              path + " in " + IN + " should have at most " + maxItems + " items"));
    }
    if (s.uniqueItems() && hasDuplicates(data)) {
      out.add(
          Error.of(Code.UNIQUE, path, null, path + " in " + IN + " shouldn't contain duplicates"));
    }
  }

  private static boolean hasDuplicates(JsonNode array) {
    for (int i = 1; i < array.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (array.get(i).equals(array.get(j))) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- enum ----

  private static void validateEnum(
      StructuralSchema s, JsonNode data, String path, List<Error> out) {
    List<JsonNode> values = s.enumNodes();
    if (values.isEmpty()) {
      return;
    }
    if (!data.isNull() && !data.isMissingNode()) {
      for (JsonNode value : values) {
        if (enumMatches(data, value)) {
          return;
        }
      }
    }
    out.add(
        new Error(
            Code.ENUM,
            path,
            GoValues.errorValue(data),
            -1,
            values,
            path + " in " + IN + " should be one of " + values));
  }

  /** Go's "convertible and deep-equal": numbers compare after conversion to the enum's type. */
  private static boolean enumMatches(JsonNode data, JsonNode value) {
    if (data.isNumber() && value.isNumber()) {
      if (GoValues.isInteger(value)) {
        return (GoValues.isInteger(data) ? data.longValue() : (long) data.doubleValue())
            == value.longValue();
      }
      return data.doubleValue() == value.doubleValue();
    }
    return data.equals(value);
  }

  // ---- objects ----

  private static void validateObject(
      StructuralSchema s, JsonNode data, String path, List<Error> out) {
    long size = data.size();
    Long minProperties = s.minPropertiesOrNull();
    if (minProperties != null && size < minProperties) {
      out.add(
          new Error(
              Code.TOO_FEW_PROPERTIES,
              path,
              size,
              minProperties,
              List.of(),
              path + " in " + IN + " should have at least " + minProperties + " properties"));
    }
    Long maxProperties = s.maxPropertiesOrNull();
    if (maxProperties != null && size > maxProperties) {
      out.add(
          new Error(
              Code.TOO_MANY_PROPERTIES,
              path,
              size,
              maxProperties,
              List.of(),
              path + " in " + IN + " should have at most " + maxProperties + " properties"));
    }
    if (!s.additionalPropertiesAllowed()) {
      for (String key : data.propertyNames()) {
        if (s.propertyOrNull(key) == null) {
          out.add(
              Error.of(
                  Code.UNALLOWED_PROPERTY,
                  path,
                  key,
                  path + "." + key + " in " + IN + " is a forbidden property"));
        }
      }
    } else {
      StructuralSchema additional = s.additionalPropertiesOrNull();
      if (additional != null) {
        for (var e : data.properties()) {
          if (s.propertyOrNull(e.getKey()) == null) {
            validate(additional, e.getValue(), path + "." + e.getKey(), out);
          }
        }
      }
    }
    for (String name : s.propertyNames()) {
      JsonNode value = data.get(name);
      if (value != null) {
        StructuralSchema property = s.propertyOrNull(name);
        if (property != null) {
          validate(property, value, path.isEmpty() ? name : path + "." + name, out);
        }
      }
    }
    for (String name : s.required()) {
      if (!data.has(name)) {
        out.add(
            Error.of(
                Code.REQUIRED,
                path + "." + name,
                null,
                path + "." + name + " in " + IN + " is required"));
      }
    }
  }
}
