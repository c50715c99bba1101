package io.kapi.server.schema;

import java.math.BigDecimal;
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
      return new GoText(formatFloat(node.doubleValue()));
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

  /**
   * Go's {@code %v} of a {@code float64}: the shortest digits, exponent form below 1e-4 or from
   * 1e+06.
   */
  static String formatFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v) < 0 ? "-0" : "0";
    }
    Decimal d = Decimal.of(v);
    if (d.exponent < -4 || d.exponent >= 6) {
      return d.scientific();
    }
    return d.plain();
  }

  /** Go's {@code json.Marshal} of a float64: plain unless below 1e-6 or from 1e21. */
  static String jsonFloat(double v) {
    if (v == 0) {
      return "0";
    }
    Decimal d = Decimal.of(v);
    double abs = Math.abs(v);
    if (abs < 1e-6 || abs >= 1e21) {
      return d.scientific().replaceFirst("e([+-])0(\\d)$", "e$1$2");
    }
    return d.plain();
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
      sb.append(formatFloat(node.doubleValue()));
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
      appendJsonString(sb, node.stringValue());
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else if (isInteger(node)) {
      sb.append(node.longValue());
    } else if (node.isNumber()) {
      sb.append(jsonFloat(node.doubleValue()));
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
        appendJsonString(sb, key);
        sb.append(':');
        appendJson(sb, node.get(key));
      }
      sb.append('}');
    }
  }

  private static void appendJsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * A finite non-zero double as its shortest decimal digits and the exponent of the first digit.
   */
  private record Decimal(boolean negative, String digits, int exponent) {
    static Decimal of(double v) {
      BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
      String digits = bd.unscaledValue().toString();
      int exponent = digits.length() - 1 - bd.scale();
      return new Decimal(v < 0, digits, exponent);
    }

    String scientific() {
      StringBuilder sb = new StringBuilder(negative ? "-" : "");
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      int e = Math.abs(exponent);
      sb.append('e').append(exponent < 0 ? '-' : '+').append(e < 10 ? "0" + e : String.valueOf(e));
      return sb.toString();
    }

    String plain() {
      StringBuilder sb = new StringBuilder(negative ? "-" : "");
      if (exponent < 0) {
        sb.append("0.").append("0".repeat(-exponent - 1)).append(digits);
      } else if (digits.length() <= exponent + 1) {
        sb.append(digits).append("0".repeat(exponent + 1 - digits.length()));
      } else {
        sb.append(digits, 0, exponent + 1)
            .append('.')
            .append(digits, exponent + 1, digits.length());
      }
      return sb.toString();
    }
  }
}
