package io.kapi.server.patch;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigInteger;
import java.util.Map;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between Jackson trees and Jakarta JSON Processing values (what Parsson's merge patch
 * works on), keeping integers integers and refusing nesting deeper than a JSON parser accepts, so a
 * patch cannot build a document the server could never read back.
 */
final class JsonP {
  /** The JSON-P implementation, looked up once (each {@code Json.createX} call looks it up). */
  static final JsonProvider PROVIDER = JsonProvider.provider();

  /** Jackson's default nesting limit, which every JSON body the server reads is held to. */
  static final int MAX_DEPTH = StreamReadConstraints.defaults().getMaxNestingDepth();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private JsonP() {}

  /** Thrown when a document nests deeper than {@link #MAX_DEPTH}. */
  static final class TooDeepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooDeepException() {
      super("nested deeper than " + MAX_DEPTH + " levels", null, false, false);
    }
  }

  static JsonValue toJsonP(JsonNode node) {
    return toJsonP(node, 0);
  }

  private static JsonValue toJsonP(JsonNode node, int depth) {
    if (node.isObject()) {
      checkDepth(depth);
      JsonObjectBuilder builder = PROVIDER.createObjectBuilder();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        builder.add(e.getKey(), toJsonP(e.getValue(), depth + 1));
      }
      return builder.build();
    }
    if (node.isArray()) {
      checkDepth(depth);
      JsonArrayBuilder builder = PROVIDER.createArrayBuilder();
      for (JsonNode element : node) {
        builder.add(toJsonP(element, depth + 1));
      }
      return builder.build();
    }
    if (node.isString()) {
      return PROVIDER.createValue(node.stringValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (node.isIntegralNumber()) {
      if (node.canConvertToInt()) {
        return PROVIDER.createValue(node.intValue());
      }
      if (node.canConvertToLong()) {
        return PROVIDER.createValue(node.longValue());
      }
      return PROVIDER.createValue(node.bigIntegerValue());
    }
    if (node.isBigDecimal()) {
      return PROVIDER.createValue(node.decimalValue());
    }
    if (node.isNumber()) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("not a JSON number: " + d);
      }
      return PROVIDER.createValue(d);
    }
    if (node.isNull() || node.isMissingNode()) {
      return JsonValue.NULL;
    }
    throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
  }

  static JsonNode fromJsonP(JsonValue value) {
    return fromJsonP(value, 0);
  }

  private static JsonNode fromJsonP(JsonValue value, int depth) {
    switch (value.getValueType()) {
      case OBJECT -> {
        checkDepth(depth);
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonValue> e : ((JsonObject) value).entrySet()) {
          object.set(e.getKey(), fromJsonP(e.getValue(), depth + 1));
        }
        return object;
      }
      case ARRAY -> {
        checkDepth(depth);
        ArrayNode array = NODES.arrayNode();
        for (JsonValue element : (JsonArray) value) {
          array.add(fromJsonP(element, depth + 1));
        }
        return array;
      }
      case STRING -> {
        return NODES.stringNode(((JsonString) value).getString());
      }
      case NUMBER -> {
        JsonNumber number = (JsonNumber) value;
        if (number.isIntegral()) {
          BigInteger integer = number.bigIntegerValue();
          if (integer.bitLength() < 32) {
            return NODES.numberNode(integer.intValue());
          }
          if (integer.compareTo(MIN_LONG) >= 0 && integer.compareTo(MAX_LONG) <= 0) {
            return NODES.numberNode(integer.longValue());
          }
          return NODES.numberNode(integer);
        }
        return NODES.numberNode(number.doubleValue());
      }
      case TRUE -> {
        return NODES.booleanNode(true);
      }
      case FALSE -> {
        return NODES.booleanNode(false);
      }
      default -> {
        return NODES.nullNode();
      }
    }
  }

  private static void checkDepth(int depth) {
    if (depth >= MAX_DEPTH) {
      throw new TooDeepException();
    }
  }
}
