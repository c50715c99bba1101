package io.kapi.api.codec;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.internal.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Jackson-backed {@link ApiCodec}s: one configured mapper per format, shared. Trees and records
 * are both converted with the JSON mapper, so YAML follows the same field rules.
 */
final class JacksonCodec implements ApiCodec {
  private static final JsonMapper JSON_MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .characterEscapes(GoJson.Escapes.INSTANCE)
                  .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                  .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                  .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                  .addDecorator(GoJson.FLOATS)
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .addModule(GoJson.timeModule())
          .build();

  private static final YAMLMapper YAML_MAPPER =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          // "123" and "true" stay strings when read back
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .addModule(GoJson.timeModule())
          .build();

  static final JacksonCodec JSON = new JacksonCodec(MediaTypes.APPLICATION_JSON, "json", JSON_MAPPER);
  static final JacksonCodec YAML = new JacksonCodec(MediaTypes.APPLICATION_YAML, "yaml", YAML_MAPPER);

  private final String mediaType;
  private final String formatName;
  private final ObjectMapper mapper;
  private final ObjectWriter compact;
  private final ObjectWriter pretty;
  private final boolean isJson;

  private JacksonCodec(String mediaType, String formatName, ObjectMapper mapper) {
    this.mediaType = mediaType;
    this.formatName = formatName;
    this.mapper = mapper;
    this.isJson = mapper == JSON_MAPPER;
    this.compact = mapper.writer();
    this.pretty = isJson ? mapper.writer().with(goStylePrettyPrinter()) : compact;
  }

  /** Go's MarshalIndent layout: {@code "k": v}, arrays one element per line, empty {@code {}} / {@code []}. */
  private static DefaultPrettyPrinter goStylePrettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public byte[] encode(Object value) {
    checkNotNull(value, "value");
    return isJson ? withNewline(compact.writeValueAsBytes(value)) : compact.writeValueAsBytes(yamlTree(value));
  }

  @Override
  public byte[] encodePretty(Object value) {
    checkNotNull(value, "value");
    return isJson ? pretty.writeValueAsBytes(value) : encode(value);
  }

  @Override
  public void encodeTo(Object value, OutputStream out, boolean prettyPrint) {
    checkNotNull(value, "value");
    checkNotNull(out, "out");
    try {
      if (isJson) {
        if (prettyPrint) {
          pretty.writeValue(out, value);
        } else {
          compact.writeValue(out, value);
          out.write('\n');
        }
      } else {
        compact.writeValue(out, yamlTree(value));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Upstream converts JSON to YAML through a Go map, so YAML fields come out sorted. */
  private static JsonNode yamlTree(Object value) {
    JsonNode tree =
        value instanceof JsonNode node ? node.deepCopy() : JSON_MAPPER.valueToTree(value);
    JsonTrees.sortKeysInPlace(tree);
    return tree;
  }

  private static byte[] withNewline(byte[] bytes) {
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    out[bytes.length] = '\n';
    return out;
  }

  @Override
  public <T> T decode(byte[] bytes, Class<T> type) {
    checkNotNull(bytes, "bytes");
    checkNotNull(type, "type");
    try {
      return mapper.readValue(bytes, type);
    } catch (JacksonException e) {
      throw DecodeErrors.translate(formatName, e);
    }
  }

  @Override
  public <T> T decode(InputStream in, Class<T> type) {
    checkNotNull(in, "in");
    checkNotNull(type, "type");
    try {
      return mapper.readValue(in, type);
    } catch (JacksonException e) {
      throw DecodeErrors.translate(formatName, e);
    }
  }

  @Override
  public JsonNode toTree(Object value) {
    checkNotNull(value, "value");
    return JSON_MAPPER.valueToTree(value);
  }

  @Override
  public <T> T fromTree(JsonNode tree, Class<T> type) {
    checkNotNull(tree, "tree");
    checkNotNull(type, "type");
    try {
      return JSON_MAPPER.treeToValue(tree, type);
    } catch (JacksonException e) {
      throw DecodeErrors.translate("json", e);
    }
  }
}
