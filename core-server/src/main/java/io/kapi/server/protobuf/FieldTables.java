package io.kapi.server.protobuf;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protobuf field tables of core/v1 and the meta/v1 messages they use, loaded once from {@code
 * core-v1-types.json} (written by {@code core-server/src/build/proto_field_tables.py} from the
 * upstream Go struct tags).
 */
final class FieldTables {
  static final String RESOURCE = "core-v1-types.json";

  /**
   * Messages decoded by hand-written code rather than a table. No core/v1 field is a
   * metav1.Duration, so the generator's {@code message:Duration} is not among them: a table that
   * used it would fail to load.
   */
  static final Set<String> SPECIAL =
      Set.of("Time", "MicroTime", "FieldsV1", "Quantity", "IntOrString", "RawExtension");

  /** The scalar types of the tables. */
  static final Set<String> SCALARS = Set.of("string", "bytes", "bool", "int32", "int64", "double");

  private static final FieldTables INSTANCE = load();

  private final ImmutableMap<String, String> kinds;
  private final ImmutableMap<String, Message> messages;

  /** One field: its number, JSON name (empty when inlined) and type. */
  record Field(
      int number,
      String jsonName,
      String type,
      boolean repeated,
      boolean pointer,
      boolean omitEmpty,
      boolean omitZero,
      boolean inline) {
    /** The Go field name, for error messages: the JSON name with a capital first letter. */
    String goName() {
      return jsonName.isEmpty()
          ? type.substring(type.lastIndexOf('.') + 1)
          : Character.toUpperCase(jsonName.charAt(0)) + jsonName.substring(1);
    }
  }

  /** A message: its fields in Go declaration order (the JSON order) and by number. */
  record Message(String name, ImmutableList<Field> fields, ImmutableMap<Integer, Field> byNumber) {}

  private FieldTables(ImmutableMap<String, String> kinds, ImmutableMap<String, Message> messages) {
    this.kinds = kinds;
    this.messages = messages;
  }

  static FieldTables get() {
    return INSTANCE;
  }

  /**
   * The message of a top-level kind ({@code v1/ConfigMap}), or null. {@code DeleteOptions} is
   * known in every version, as upstream registers it in every group version.
   */
  @Nullable Message kind(String apiVersion, String kind) {
    String name = kinds.get(apiVersion + "/" + kind);
    if (name == null && kind.equals("DeleteOptions") && !apiVersion.isEmpty()) {
      name = kinds.get("v1/DeleteOptions");
    }
    return name == null ? null : messages.get(name);
  }

  Message message(String name) {
    Message message = messages.get(name);
    if (message == null) {
      throw new IllegalStateException("no protobuf field table for message " + name);
    }
    return message;
  }

  static FieldTables parse(JsonNode root) {
    ImmutableMap.Builder<String, String> kinds = ImmutableMap.builder();
    for (Map.Entry<String, JsonNode> e : root.path("kinds").properties()) {
      kinds.put(e.getKey(), e.getValue().asString());
    }
    ImmutableMap.Builder<String, Message> messages = ImmutableMap.builder();
    for (Map.Entry<String, JsonNode> e : root.path("messages").properties()) {
      ImmutableList.Builder<Field> fields = ImmutableList.builder();
      ImmutableMap.Builder<Integer, Field> byNumber = ImmutableMap.builder();
      for (JsonNode f : e.getValue()) {
        String flags = f.get(3).asString();
        Field field =
            new Field(
                f.get(0).asInt(),
                f.get(1).asString(),
                f.get(2).asString(),
                flags.contains("r"),
                flags.contains("p"),
                flags.contains("o"),
                flags.contains("z"),
                flags.contains("i"));
        fields.add(field);
        byNumber.put(field.number(), field);
      }
      messages.put(
          e.getKey(), new Message(e.getKey(), fields.build(), byNumber.buildOrThrow()));
    }
    FieldTables tables = new FieldTables(kinds.buildOrThrow(), messages.buildOrThrow());
    tables.checkReferences();
    return tables;
  }

  private void checkReferences() {
    kinds.values().forEach(this::message);
    for (Message m : messages.values()) {
      for (Field f : m.fields()) {
        String type = f.type().startsWith("map:") ? f.type().substring(f.type().indexOf(',') + 1) : f.type();
        if (type.startsWith("message:")) {
          String name = type.substring("message:".length());
          if (!SPECIAL.contains(name)) {
            message(name);
          }
        } else if (!SCALARS.contains(type)) {
          throw new IllegalStateException("unknown type " + f.type() + " in " + m.name());
        }
      }
    }
  }

  private static FieldTables load() {
    try (InputStream in = FieldTables.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(JsonMapper.shared().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
