package io.kapi.api.codec;

import java.io.InputStream;

/**
 * Turns API objects (records, JSON trees) into bytes of one media type and back.
 *
 * <p>Implementations are immutable and thread-safe; obtain them with {@link #json()} or
 * {@link #yaml()}.
 */
public interface ApiCodec {

  /** The media type this codec writes, e.g. {@code application/json}. */
  String mediaType();

  /** Encodes compactly (for JSON, one line followed by {@code \n}, like Go's encoder). */
  byte[] encode(Object value);

  /** Encodes for humans (for JSON, 2-space indentation like Go's {@code json.MarshalIndent}). */
  byte[] encodePretty(Object value);

  /**
   * Decodes {@code bytes} as {@code type}.
   *
   * @throws DecodeException if the bytes are not valid for this media type or do not fit the type
   */
  <T> T decode(byte[] bytes, Class<T> type);

  /** Like {@link #decode(byte[], Class)} from a stream (which is not closed). */
  <T> T decode(InputStream in, Class<T> type);

  /** The JSON codec. */
  static ApiCodec json() {
    return JacksonCodec.JSON;
  }

  /** The YAML codec. */
  static ApiCodec yaml() {
    return JacksonCodec.YAML;
  }
}
