package io.kapi.api.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns API objects (records, {@link io.kapi.api.unstructured.Unstructured}, JSON trees) into bytes
 * of one media type and back, writing them as upstream's Go serializers do: struct field order,
 * omit-empty rules, HTML-safe escapes, Go float layout, RFC 3339 second-precision times.
 *
 * <p>Implementations are immutable and thread-safe; obtain them with {@link #json()}, {@link
 * #yaml()} or {@link #forMediaType(String)}.
 *
 * <pre>{@code
 * byte[] body = ApiCodec.json().encode(Status.failure(404, "NotFound", "pods \"x\" not found"));
 * Unstructured obj = ApiCodec.json().decode(requestBody, Unstructured.class);
 * }</pre>
 */
public interface ApiCodec {

  /** The media type this codec writes, e.g. {@code application/json}. */
  String mediaType();

  /** Encodes compactly (for JSON, one line followed by {@code \n}, like Go's encoder). */
  byte[] encode(Object value);

  /**
   * Encodes for humans (for JSON, 2-space indentation exactly as Go's {@code json.MarshalIndent},
   * which upstream writes without a trailing newline); used for {@code ?pretty=true} and the raw
   * JSON documents ({@code /}, {@code /version}).
   */
  byte[] encodePretty(Object value);

  /**
   * Writes {@link #encode(Object)} (or {@link #encodePretty(Object)} when {@code pretty}) to
   * {@code out}, which is flushed but not closed.
   */
  void encodeTo(Object value, OutputStream out, boolean pretty);

  /**
   * Decodes {@code bytes} as {@code type}.
   *
   * @throws DecodeException if the bytes are not valid for this media type or do not fit the type
   */
  <T> T decode(byte[] bytes, Class<T> type);

  /**
   * Like {@link #decode(byte[], Class)} from a stream (which is not closed).
   *
   * @throws DecodeException if the bytes are not valid for this media type or do not fit the type
   */
  <T> T decode(InputStream in, Class<T> type);

  /**
   * The JSON tree {@code value} encodes to, with the same field and omit-empty rules as {@link
   * #encode(Object)}.
   */
  JsonNode toTree(Object value);

  /**
   * Binds a JSON tree to {@code type}.
   *
   * @throws DecodeException if the tree does not fit the type
   */
  <T> T fromTree(JsonNode tree, Class<T> type);

  /** The JSON codec. */
  static ApiCodec json() {
    return JacksonCodec.JSON;
  }

  /**
   * The YAML codec. It writes fields in sorted order, as upstream does (it converts its JSON to
   * YAML through a map).
   */
  static ApiCodec yaml() {
    return JacksonCodec.YAML;
  }

  /**
   * The codec for a {@code Content-Type} or {@code Accept} entry ({@code application/json},
   * {@code application/yaml}, parameters ignored), or empty if there is none.
   */
  static Optional<ApiCodec> forMediaType(String mediaType) {
    Objects.requireNonNull(mediaType, "mediaType");
    int semicolon = mediaType.indexOf(';');
    String essence =
        (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
            .trim()
            .toLowerCase(Locale.ROOT);
    return switch (essence) {
      case MediaTypes.APPLICATION_JSON -> Optional.of(json());
      case MediaTypes.APPLICATION_YAML -> Optional.of(yaml());
      default -> Optional.empty();
    };
  }
}
