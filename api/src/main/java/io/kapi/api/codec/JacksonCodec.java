package io.kapi.api.codec;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The Jackson-backed {@link ApiCodec}s: one configured mapper per format, shared. */
final class JacksonCodec implements ApiCodec {
  static final JacksonCodec JSON =
      new JacksonCodec(
          "application/json",
          JsonMapper.builder()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build(),
          true);
  static final JacksonCodec YAML =
      new JacksonCodec(
          "application/yaml",
          YAMLMapper.builder()
              .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
              .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build(),
          false);

  private final String mediaType;
  private final ObjectMapper mapper;
  private final ObjectWriter compact;
  private final ObjectWriter pretty;
  private final boolean newlineAfterJson;

  private JacksonCodec(String mediaType, ObjectMapper mapper, boolean newlineAfterJson) {
    this.mediaType = mediaType;
    this.mapper = mapper;
    this.newlineAfterJson = newlineAfterJson;
    this.compact = mapper.writer();
    this.pretty = newlineAfterJson ? mapper.writer().with(goStylePrettyPrinter()) : compact;
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
    return withNewline(compact.writeValueAsBytes(value));
  }

  @Override
  public byte[] encodePretty(Object value) {
    checkNotNull(value, "value");
    return withNewline(pretty.writeValueAsBytes(value));
  }

  private byte[] withNewline(byte[] bytes) {
    if (!newlineAfterJson) {
      return bytes;
    }
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
      throw new DecodeException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public <T> T decode(InputStream in, Class<T> type) {
    checkNotNull(in, "in");
    checkNotNull(type, "type");
    try {
      return mapper.readValue(in, type);
    } catch (JacksonException e) {
      throw new DecodeException(e.getOriginalMessage(), e);
    }
  }
}
