package io.kapi.server.patch;

import io.kapi.api.internal.GoFloats;
import io.kapi.api.internal.JsonTrees;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * JSON values seen as upstream's Go code sees a decoded {@code map[string]interface{}}: the dynamic
 * type of each value ({@code int64} for integers, {@code float64} otherwise), Go's {@code ==}
 * between them, and how {@code fmt} prints them ({@code %v}, {@code %s}) in error messages.
 */
final class GoValues {
  /** The dynamic Go type of a decoded JSON value. */
  enum Kind {
    MAP("map[string]interface {}"),
    SLICE("[]interface {}"),
    STRING("string"),
    INT64("int64"),
    FLOAT64("float64"),
    BOOL("bool"),
    NIL("<nil>");

    private final String typeName;

    Kind(String typeName) {
      this.typeName = typeName;
    }

    /** {@code reflect.Type.String()}. */
    String typeName() {
      return typeName;
    }
  }

  private GoValues() {}

  static Kind kind(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Kind.NIL;
    }
    if (node.isObject()) {
      return Kind.MAP;
    }
    if (node.isArray()) {
      return Kind.SLICE;
    }
    if (node.isString()) {
      return Kind.STRING;
    }
    if (node.isBoolean()) {
      return Kind.BOOL;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Kind.INT64;
    }
    if (node.isNumber()) {
      return Kind.FLOAT64;
    }
    // binary or POJO nodes never come out of JSON; print them as strings
    return Kind.STRING;
  }

  /** Go's {@code ==} on two decoded values, deep for maps and slices (which Go cannot compare). */
  static boolean equal(@Nullable JsonNode a, @Nullable JsonNode b) {
    Kind kind = kind(a);
    if (kind != kind(b)) {
      return false;
    }
    return switch (kind) {
      case NIL -> true;
      case STRING -> a.asString().equals(b.asString());
      case BOOL -> a.booleanValue() == b.booleanValue();
      case INT64 -> a.longValue() == b.longValue();
      case FLOAT64 -> a.doubleValue() == b.doubleValue();
      case SLICE -> {
        if (a.size() != b.size()) {
          yield false;
        }
        for (int i = 0; i < a.size(); i++) {
          if (!equal(a.get(i), b.get(i))) {
            yield false;
          }
        }
        yield true;
      }
      case MAP -> {
        if (a.size() != b.size()) {
          yield false;
        }
        for (Map.Entry<String, JsonNode> e : a.properties()) {
          JsonNode other = b.get(e.getKey());
          if (other == null || !equal(e.getValue(), other)) {
            yield false;
          }
        }
        yield true;
      }
    };
  }

  /** A hash key whose equality is {@link #equal}. */
  static Key key(@Nullable JsonNode node) {
    return new Key(node);
  }

  /** Wraps a value so that hash-based collections compare it with Go's {@code ==}. */
  static final class Key {
    private final @Nullable JsonNode node;
    private final int hash;

    private Key(@Nullable JsonNode node) {
      this.node = node;
      this.hash = hash(node);
    }

    private static int hash(@Nullable JsonNode node) {
      Kind kind = kind(node);
      int h = kind.ordinal() * 31;
      return switch (kind) {
        case NIL -> h;
        case STRING -> h + node.asString().hashCode();
        case BOOL -> h + Boolean.hashCode(node.booleanValue());
        case INT64 -> h + Long.hashCode(node.longValue());
        case FLOAT64 -> {
          double d = node.doubleValue();
          yield h + Double.hashCode(d == 0 ? 0.0 : d);
        }
        case SLICE -> {
          int elements = 1;
          for (JsonNode element : node) {
            elements = 31 * elements + hash(element);
          }
          yield h + elements;
        }
        case MAP -> {
          int members = 0;
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            members += e.getKey().hashCode() ^ hash(e.getValue());
          }
          yield h + members;
        }
      };
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key other && hash == other.hash && equal(node, other.node);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** {@code fmt.Sprintf("%v", value)}. */
  static String v(@Nullable JsonNode node) {
    StringBuilder sb = new StringBuilder();
    format(sb, node, false);
    return sb.toString();
  }

  /** {@code fmt.Sprintf("%s", value)}: like %v, but non-strings print as {@code %!s(int64=1)}. */
  static String s(@Nullable JsonNode node) {
    StringBuilder sb = new StringBuilder();
    format(sb, node, true);
    return sb.toString();
  }

  /** {@code fmt.Sprint} of several slices, e.g. {@code [[a b] [c]]}. */
  static String sprintSlices(List<? extends @Nullable JsonNode> slices) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < slices.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      JsonNode slice = slices.get(i);
      if (slice == null) {
        sb.append("[]");
      } else {
        format(sb, slice, false);
      }
    }
    return sb.append(']').toString();
  }

  private static void format(StringBuilder sb, @Nullable JsonNode node, boolean verbS) {
    Kind kind = kind(node);
    switch (kind) {
      case MAP -> {
        List<String> keys = new ArrayList<>(node.propertyNames());
        keys.sort(JsonTrees.GO_STRING_ORDER);
        sb.append("map[");
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          sb.append(keys.get(i)).append(':');
          format(sb, node.get(keys.get(i)), verbS);
        }
        sb.append(']');
      }
      case SLICE -> {
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          format(sb, node.get(i), verbS);
        }
        sb.append(']');
      }
      case STRING -> sb.append(node.asString());
      default -> {
        String text =
            switch (kind) {
              case NIL -> "<nil>";
              case BOOL -> Boolean.toString(node.booleanValue());
              case INT64 -> Long.toString(node.longValue());
              default -> GoFloats.formatV(node.doubleValue());
            };
        if (!verbS) {
          sb.append(text);
        } else if (kind == Kind.NIL) {
          sb.append("%!s(<nil>)");
        } else {
          sb.append("%!s(").append(kind.typeName()).append('=').append(text).append(')');
        }
      }
    }
  }

  /** Go's {@code %q}: double-quoted, with Go escapes. */
  static String quote(String s) {
    return io.kapi.pathrecorder.GoQuote.quote(s);
  }

}
