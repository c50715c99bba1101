package io.kapi.api.codec;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** Turns Jackson's exceptions into {@link DecodeException}s with Go-like, actionable messages. */
final class DecodeErrors {
  private DecodeErrors() {}

  static DecodeException translate(String format, JacksonException e) {
    String field = fieldPath(e.getPath());
    TokenStreamLocation location = e.getLocation();
    int line = location == null ? -1 : location.getLineNr();
    int column = location == null ? -1 : location.getColumnNr();
    StringBuilder message = new StringBuilder(format).append(": ");
    String[] mismatch = e instanceof MismatchedInputException m ? describeMismatch(m) : null;
    if (mismatch != null) {
      message.append("cannot unmarshal ").append(mismatch[0]).append(" into ");
      if (field != null) {
        message.append("field \"").append(field).append("\" of type ");
      }
      message.append(mismatch[1]);
    } else {
      if (field != null) {
        message.append("field \"").append(field).append("\": ");
      }
      message.append(e.getOriginalMessage());
    }
    if (line > 0) {
      message.append(" (line ").append(line).append(", column ").append(column).append(')');
    }
    return new DecodeException(message.toString(), e, line, column, field);
  }

  /** {found, expected} JSON kinds, or null when the exception is not a plain type mismatch. */
  private static String @Nullable [] describeMismatch(MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    JsonToken token = e.getCurrentToken();
    if (token == null && e.processor() instanceof JsonParser parser) {
      token = parser.currentToken();
    }
    if (target == null) {
      return null;
    }
    String found = tokenKind(token);
    String expected = expectedKind(target);
    if (found == null || expected == null || found.equals(expected)) {
      return null;
    }
    return new String[] {found, expected};
  }

  private static @Nullable String tokenKind(@Nullable JsonToken token) {
    if (token == null) {
      return null;
    }
    return switch (token) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      default -> null;
    };
  }

  private static @Nullable String expectedKind(Class<?> target) {
    if (target == String.class || target == Character.class || target.isEnum()) {
      return "string";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "bool";
    }
    if (target.isPrimitive() || Number.class.isAssignableFrom(target)) {
      return "number";
    }
    if (target.isArray() || Collection.class.isAssignableFrom(target)) {
      return "array";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "object";
    }
    if (ObjectNode.class.isAssignableFrom(target)) {
      return "object";
    }
    if (ArrayNode.class.isAssignableFrom(target)) {
      return "array";
    }
    if (JsonNode.class.isAssignableFrom(target)) {
      return null;
    }
    return target.getName().startsWith("java.") ? null : "object";
  }

  /** {@code metadata.labels}, {@code items[2].kind}; null at the top level. */
  static @Nullable String fieldPath(List<JacksonException.Reference> path) {
    if (path.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference ref : path) {
      String name = ref.getPropertyName();
      if (name != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(name);
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
