package io.kapi.server.schema;

import io.kapi.api.internal.GoFloats;
import io.kapi.api.internal.GoStrings;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How upstream's Go code prints JSON values in validation messages: {@code %q} strings, {@code %v}
 * floats ({@code 1e+06}), {@code %#v} maps ({@code map[string]interface {}{"a":1}}) and {@code
 * json.Marshal} output.
 */
final class GoValues {
  private GoValues() {}

  /** Text that {@link io.kapi.api.errors.FieldError} prints verbatim (not quoted). */
  record GoText(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * The value a {@code field.Error} carries for a JSON value: strings stay strings (quoted when
   * printed), integers are {@code Long}, null is null, the rest print as Go's {@code %v}/{@code
   * %#v}.
   */
  static @Nullable Object errorValue(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (isInteger(node)) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return new GoText(GoFloats.formatV(node.doubleValue()));
    }
    return new GoText(sharpV(node));
  }

  /**
   * Whether upstream's JSON decoding makes this number an {@code int64} (else a {@code float64}).
   */
  static boolean isInteger(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToLong();
  }

  /** The JSON schema type name of a value as kube-openapi sees it. */
  static String runtimeType(JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isString()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    if (isInteger(node)) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    return node.isArray() ? "array" : "object";
  }

  /** Go's {@code strconv.Quote}. */
  static String quote(String s) {
    return io.kapi.pathrecorder.GoQuote.quote(s);
  }

  /** Go's {@code %#v} of a decoded JSON value. */
  static String sharpV(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    appendSharpV(sb, node, true);
    return sb.toString();
  }

  private static void appendSharpV(StringBuilder sb, JsonNode node, boolean top) {
    if (node.isNull() || node.isMissingNode()) {
      sb.append("interface {}(nil)");
    } else if (node.isString()) {
      sb.append(quote(node.stringValue()));
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else if (isInteger(node)) {
      sb.append(node.longValue());
    } else if (node.isNumber()) {
      sb.append(GoFloats.formatV(node.doubleValue()));
    } else if (node.isArray()) {
      sb.append("[]interface {}{");
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        appendSharpV(sb, node.get(i), false);
      }
      sb.append('}');
    } else {
      sb.append("map[string]interface {}{");
      List<String> keys = new ArrayList<>(node.propertyNames());
      keys.sort(null);
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(quote(keys.get(i))).append(':');
        appendSharpV(sb, node.get(keys.get(i)), false);
      }
      sb.append('}');
    }
  }

  /** Go's {@code json.Marshal} of a decoded JSON value: sorted keys, HTML-safe escapes. */
  static String json(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    appendJson(sb, node);
    return sb.toString();
  }

  private static void appendJson(StringBuilder sb, JsonNode node) {
    if (node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isString()) {
      GoStrings.appendJsonString(sb, node.stringValue());
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else if (isInteger(node)) {
      sb.append(node.longValue());
    } else if (node.isNumber()) {
      sb.append(GoFloats.format(node.doubleValue()));
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendJson(sb, node.get(i));
      }
      sb.append(']');
    } else {
      sb.append('{');
      List<String> keys = new ArrayList<>(node.propertyNames());
      keys.sort(null);
      boolean first = true;
      for (String key : keys) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        GoStrings.appendJsonString(sb, key);
        sb.append(':');
        appendJson(sb, node.get(key));
      }
      sb.append('}');
    }
  }

}
