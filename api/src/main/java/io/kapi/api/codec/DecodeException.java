package io.kapi.api.codec;

/**
 * Bytes that could not be decoded; the message says where and why, in words a client can act on.
 */
public final class DecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
