package io.kapi.server.protobuf;

import org.jspecify.annotations.Nullable;

/**
 * A protobuf body that cannot be decoded: bad envelope, malformed wire data, or a kind without a
 * field table. Carries the envelope's kind and apiVersion once they are known, so callers can word
 * the error as upstream's {@code transformDecodeError} does.
 */
public final class ProtobufDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String apiVersion;
  private final @Nullable String kind;
  private final boolean unregisteredKind;

  ProtobufDecodeException(
      String message, @Nullable String apiVersion, @Nullable String kind, boolean unregisteredKind) {
    super(message);
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.unregisteredKind = unregisteredKind;
  }

  static ProtobufDecodeException malformed(String message) {
    return new ProtobufDecodeException(message, null, null, false);
  }

  /** The envelope's apiVersion, or null if the envelope itself could not be read. */
  public @Nullable String apiVersion() {
    return apiVersion;
  }

  /** The envelope's kind, or null if the envelope itself could not be read. */
  public @Nullable String kind() {
    return kind;
  }

  /** Whether the envelope names a kind this decoder has no field table for. */
  public boolean unregisteredKind() {
    return unregisteredKind;
  }

  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
