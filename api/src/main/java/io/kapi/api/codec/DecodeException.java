package io.kapi.api.codec;

import org.jspecify.annotations.Nullable;

/**
 * Bytes that could not be decoded; the message says where and why, in words a client can act on
 * (e.g. {@code json: cannot unmarshal array into field "metadata.labels" of type object (line 2,
 * column 14)}). {@link #line()}, {@link #column()} and {@link #field()} expose the same facts.
 */
public final class DecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final @Nullable String field;

  public DecodeException(String message, Throwable cause) {
    this(message, cause, -1, -1, null);
  }

  /**
   * A decode failure at a known place.
   *
   * @param line 1-based line, or -1 if unknown
   * @param column 1-based column, or -1 if unknown
   * @param field dotted path of the field being decoded ({@code metadata.labels}, {@code
   *     items[0].kind}), or null if unknown or at the top level
   */
  public DecodeException(
      String message, @Nullable Throwable cause, int line, int column, @Nullable String field) {
    super(message, cause);
    this.line = line;
    this.column = column;
    this.field = field;
  }

  /** The 1-based line of the input where decoding failed, or -1 if unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column of the input where decoding failed, or -1 if unknown. */
  public int column() {
    return column;
  }

  /** The dotted path of the field that failed ({@code metadata.labels}), or null. */
  public @Nullable String field() {
    return field;
  }
}
