package io.kapi.server.protobuf;

/**
 * Reads protobuf wire format from a byte range: varints, fixed64 and length-delimited fields.
 * Errors use the wording of the Go generated code ({@code unexpected EOF}, {@code proto: ...}).
 */
final class WireReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] data;
  private int position;
  private final int limit;

  WireReader(byte[] data, int offset, int limit) {
    this.data = data;
    this.position = offset;
    this.limit = limit;
  }

  static WireReader of(byte[] data) {
    return new WireReader(data, 0, data.length);
  }

  boolean hasMore() {
    return position < limit;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift >= 64) {
        throw ProtobufDecodeException.malformed("proto: integer overflow");
      }
      if (position >= limit) {
        throw ProtobufDecodeException.malformed("unexpected EOF");
      }
      byte b = data[position++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
  }

  long readFixed64() {
    if (limit - position < 8) {
      throw ProtobufDecodeException.malformed("unexpected EOF");
    }
    long result = 0;
    for (int i = 7; i >= 0; i--) {
      result = (result << 8) | (data[position + i] & 0xffL);
    }
    position += 8;
    return result;
  }

  /** Reads a length prefix and returns a reader over the bytes it covers. */
  WireReader readLengthDelimited() {
    long length = readVarint();
    if (length < 0) {
      throw ProtobufDecodeException.malformed("proto: negative length found during unmarshaling");
    }
    if (length > limit - position) {
      throw ProtobufDecodeException.malformed("unexpected EOF");
    }
    WireReader nested = new WireReader(data, position, position + (int) length);
    position += (int) length;
    return nested;
  }

  byte[] remainingBytes() {
    byte[] copy = new byte[limit - position];
    System.arraycopy(data, position, copy, 0, copy.length);
    position = limit;
    return copy;
  }

  /** Skips a field's value of {@code wireType} (an unknown field). */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> readLengthDelimited();
      case FIXED32 -> advance(4);
      case 3 -> skipGroup();
      default ->
          throw ProtobufDecodeException.malformed("proto: illegal wireType " + wireType);
    }
  }

  private void skipGroup() {
    while (true) {
      if (!hasMore()) {
        throw ProtobufDecodeException.malformed("unexpected EOF");
      }
      long tag = readVarint();
      int wireType = (int) (tag & 7);
      if (wireType == 4) {
        return;
      }
      skip(wireType);
    }
  }

  private void advance(int n) {
    if (limit - position < n) {
      throw ProtobufDecodeException.malformed("unexpected EOF");
    }
    position += n;
  }
}
