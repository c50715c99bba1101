package io.kapi.server.protobuf;

import io.kapi.api.internal.Rfc3339;
import io.kapi.server.protobuf.FieldTables.Field;
import io.kapi.server.protobuf.FieldTables.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes one protobuf message into the JSON tree Go's {@code encoding/json} would write for the
 * decoded struct: fields in declaration order, embedded structs inlined, {@code omitempty} dropping
 * zero scalars, lists and maps of non-pointer fields (pointers are always written), {@code
 * omitzero} also dropping zero structs (a zero {@code creationTimestamp}), map keys sorted, {@code []byte} as base64, and the apimachinery types in their JSON forms.
 */
final class MessageDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final FieldTables tables;

  MessageDecoder(FieldTables tables) {
    this.tables = tables;
  }

  ObjectNode decode(WireReader in, Message message) {
    Map<Integer, JsonNode> values = new HashMap<>();
    Map<Integer, TreeMap<String, JsonNode>> maps = new HashMap<>();
    while (in.hasMore()) {
      long tag = in.readVarint();
      int number = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (number <= 0 || tag >>> 3 > Integer.MAX_VALUE) {
        throw ProtobufDecodeException.malformed(
            "proto: " + simpleName(message.name()) + ": illegal tag " + (tag >>> 3)
                + " (wire type " + wireType + ")");
      }
      Field field = message.byNumber().get(number);
      if (field == null) {
        in.skip(wireType);
      } else if (field.type().startsWith("map:")) {
        expectWireType(field, wireType, WireReader.LENGTH_DELIMITED);
        readMapEntry(in.readLengthDelimited(), field, maps.computeIfAbsent(number, n -> new TreeMap<>()));
      } else if (field.repeated()) {
        ArrayNode list = (ArrayNode) values.computeIfAbsent(number, n -> NODES.arrayNode());
        if (wireType == WireReader.LENGTH_DELIMITED && isPackable(field.type())) {
          WireReader packed = in.readLengthDelimited();
          while (packed.hasMore()) {
            list.add(readScalar(packed, field.type()));
          }
        } else {
          list.add(readValue(in, field, field.type(), wireType));
        }
      } else {
        values.put(number, readValue(in, field, field.type(), wireType));
      }
    }
    ObjectNode object = NODES.objectNode();
    for (Field field : message.fields()) {
      JsonNode value = values.get(field.number());
      TreeMap<String, JsonNode> map = maps.get(field.number());
      if (map != null) {
        ObjectNode node = NODES.objectNode();
        map.forEach(node::set);
        value = node;
      }
      if (value == null) {
        continue;
      }
      if (field.inline()) {
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          object.set(e.getKey(), e.getValue());
        }
      } else if (!(field.omitEmpty() && !field.pointer() && isEmpty(field, value))
          && !(field.omitZero() && !field.pointer() && isZero(field, value))) {
        object.set(field.jsonName(), value);
      }
    }
    return object;
  }

  private void readMapEntry(WireReader entry, Field field, TreeMap<String, JsonNode> map) {
    String valueType = field.type().substring(field.type().indexOf(',') + 1);
    String key = "";
    JsonNode value = null;
    while (entry.hasMore()) {
      long tag = entry.readVarint();
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == 1) {
        expectWireType(field, wireType, WireReader.LENGTH_DELIMITED);
        key = string(entry.readLengthDelimited());
      } else if (tag >>> 3 == 2) {
        value = readValue(entry, field, valueType, wireType);
      } else {
        entry.skip(wireType);
      }
    }
    map.put(key, value != null ? value : zeroValue(valueType));
  }

  private JsonNode readValue(WireReader in, Field field, String type, int wireType) {
    expectWireType(field, wireType, wireTypeOf(type));
    if (type.startsWith("message:")) {
      return message(in.readLengthDelimited(), type.substring("message:".length()));
    }
    return readScalar(in, type);
  }

  private static JsonNode readScalar(WireReader in, String type) {
    return switch (type) {
      case "string" -> NODES.stringNode(string(in.readLengthDelimited()));
      case "bytes" ->
          NODES.stringNode(Base64.getEncoder().encodeToString(in.readLengthDelimited().remainingBytes()));
      case "bool" -> NODES.booleanNode(in.readVarint() != 0);
      case "int32" -> NODES.numberNode((int) in.readVarint());
      case "int64" -> NODES.numberNode(in.readVarint());
      case "double" -> NODES.numberNode(Double.longBitsToDouble(in.readFixed64()));
      default -> throw new IllegalStateException("not a scalar type: " + type);
    };
  }

  private JsonNode message(WireReader in, String name) {
    return switch (name) {
      case "Time", "MicroTime" -> time(in, name.equals("MicroTime"));
      case "Quantity" -> quantity(in);
      case "IntOrString" -> intOrString(in);
      case "FieldsV1", "RawExtension" -> embeddedJson(in, name);
      default -> decode(in, tables.message(name));
    };
  }

  private JsonNode zeroValue(String type) {
    return switch (type) {
      case "string", "bytes" -> NODES.stringNode("");
      case "bool" -> NODES.booleanNode(false);
      case "int32", "int64" -> NODES.numberNode(0);
      case "double" -> NODES.numberNode(0.0);
      default -> message(WireReader.of(new byte[0]), type.substring("message:".length()));
    };
  }

  /** metav1.Time keeps seconds only (upstream drops the nanos); MicroTime keeps microseconds. */
  private static JsonNode time(WireReader in, boolean micro) {
    if (!in.hasMore()) {
      return NODES.nullNode();
    }
    long seconds = 0;
    long nanos = 0;
    while (in.hasMore()) {
      long tag = in.readVarint();
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == 1 && wireType == WireReader.VARINT) {
        seconds = in.readVarint();
      } else if (tag >>> 3 == 2 && wireType == WireReader.VARINT) {
        nanos = (int) in.readVarint();
      } else if (tag >>> 3 == 1 || tag >>> 3 == 2) {
        throw wrongWireType(wireType, tag >>> 3 == 1 ? "Seconds" : "Nanos");
      } else {
        in.skip(wireType);
      }
    }
    Instant instant;
    try {
      instant = Instant.ofEpochSecond(seconds, micro ? nanos : 0);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw ProtobufDecodeException.malformed("Time.MarshalJSON: year outside of range [0,9999]");
    }
    return NODES.stringNode(micro ? MICRO_TIME.format(instant) : Rfc3339.format(instant));
  }

  private static JsonNode quantity(WireReader in) {
    String value = "0";
    while (in.hasMore()) {
      long tag = in.readVarint();
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == 1) {
        if (wireType != WireReader.LENGTH_DELIMITED) {
          throw wrongWireType(wireType, "String_");
        }
        value = string(in.readLengthDelimited());
      } else {
        in.skip(wireType);
      }
    }
    return NODES.stringNode(value);
  }

  private static JsonNode intOrString(WireReader in) {
    long type = 0;
    int intVal = 0;
    String strVal = "";
    while (in.hasMore()) {
      long tag = in.readVarint();
      int wireType = (int) (tag & 7);
      long number = tag >>> 3;
      if (number == 1 || number == 2) {
        if (wireType != WireReader.VARINT) {
          throw wrongWireType(wireType, number == 1 ? "Type" : "IntVal");
        }
        long v = in.readVarint();
        if (number == 1) {
          type = v;
        } else {
          intVal = (int) v;
        }
      } else if (number == 3) {
        if (wireType != WireReader.LENGTH_DELIMITED) {
          throw wrongWireType(wireType, "StrVal");
        }
        strVal = string(in.readLengthDelimited());
      } else {
        in.skip(wireType);
      }
    }
    return type == 1 ? NODES.stringNode(strVal) : NODES.numberNode(intVal);
  }

  private static JsonNode embeddedJson(WireReader in, String name) {
    byte[] raw = new byte[0];
    while (in.hasMore()) {
      long tag = in.readVarint();
      int wireType = (int) (tag & 7);
      if (tag >>> 3 == 1) {
        if (wireType != WireReader.LENGTH_DELIMITED) {
          throw wrongWireType(wireType, "Raw");
        }
        raw = in.readLengthDelimited().remainingBytes();
      } else {
        in.skip(wireType);
      }
    }
    if (raw.length == 0) {
      return NODES.nullNode();
    }
    try {
      return JsonMapper.shared().readTree(raw);
    } catch (JacksonException e) {
      throw ProtobufDecodeException.malformed(
          name + " does not hold JSON: " + e.getOriginalMessage());
    }
  }

  /** Go's omitempty: "", 0, false, an empty list or map (structs are never empty). */
  private static boolean isEmpty(Field field, JsonNode value) {
    if (field.repeated() || field.type().startsWith("map:")) {
      return value.isEmpty();
    }
    return switch (field.type()) {
      case "string", "bytes" -> value.asString().isEmpty();
      case "bool" -> !value.asBoolean();
      case "int32", "int64", "double" -> value.asDouble() == 0;
      default -> false;
    };
  }

  /**
   * Go's omitzero, as far as the tree tells: a zero scalar, an empty list or map, a zero Time
   * (null) or a struct without fields.
   */
  private static boolean isZero(Field field, JsonNode value) {
    return value.isNull()
        || (value.isObject() && value.isEmpty())
        || isEmpty(field, value);
  }

  private static boolean isPackable(String type) {
    return switch (type) {
      case "bool", "int32", "int64", "double" -> true;
      default -> false;
    };
  }

  private static int wireTypeOf(String type) {
    return switch (type) {
      case "bool", "int32", "int64" -> WireReader.VARINT;
      case "double" -> WireReader.FIXED64;
      default -> WireReader.LENGTH_DELIMITED;
    };
  }

  private static void expectWireType(Field field, int actual, int expected) {
    if (actual != expected) {
      throw wrongWireType(actual, field.goName());
    }
  }

  private static ProtobufDecodeException wrongWireType(int wireType, String field) {
    return ProtobufDecodeException.malformed(
        "proto: wrong wireType = " + wireType + " for field " + field);
  }

  private static String string(WireReader in) {
    return new String(in.remainingBytes(), StandardCharsets.UTF_8);
  }

  private static String simpleName(String message) {
    return message.substring(message.lastIndexOf('.') + 1);
  }
}
