package io.kapi.server.openapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protocol buffers wire encoding of one message: tagged varints, doubles and length-delimited. */
final class ProtoOutput {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoOutput string(int field, String value) {
    if (!value.isEmpty()) {
      bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  /** A repeated string element: written even when empty. */
  ProtoOutput repeatedString(int field, String value) {
    bytes(field, value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  ProtoOutput bool(int field, boolean value) {
    if (value) {
      tag(field, VARINT);
      varint(1);
    }
    return this;
  }

  /** A boolean that is written even when false (a oneof member that is set). */
  ProtoOutput boolAlways(int field, boolean value) {
    tag(field, VARINT);
    varint(value ? 1 : 0);
    return this;
  }

  ProtoOutput int64(int field, long value) {
    if (value != 0) {
      tag(field, VARINT);
      varint(value);
    }
    return this;
  }

  ProtoOutput dbl(int field, double value) {
    if (value != 0) {
      tag(field, FIXED64);
      long bits = Double.doubleToLongBits(value);
      for (int i = 0; i < 8; i++) {
        out.write((int) (bits >>> (8 * i)) & 0xff);
      }
    }
    return this;
  }

  /** An embedded message, written even when it has no fields (a present, empty message). */
  ProtoOutput message(int field, ProtoOutput message) {
    return bytes(field, message.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private ProtoOutput bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    out.writeBytes(value);
    return this;
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
