package io.kapi.server.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A tiny protobuf encoder for tests: fields are written in call order, nested via lambdas. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static byte[] message(Consumer<ProtoWriter> fields) {
    ProtoWriter w = new ProtoWriter();
    fields.accept(w);
    return w.bytes();
  }

  /** {@code k8s\0} + runtime.Unknown{typeMeta{apiVersion, kind}, raw}. */
  static byte[] envelope(String apiVersion, String kind, Consumer<ProtoWriter> object) {
    byte[] unknown =
        message(
            u -> u.message(1, t -> t.string(1, apiVersion).string(2, kind))
                .bytes(2, message(object))
                .string(3, "")
                .string(4, ""));
    byte[] body = new byte[4 + unknown.length];
    body[0] = 'k';
    body[1] = '8';
    body[2] = 's';
    System.arraycopy(unknown, 0, body, 4, unknown.length);
    return body;
  }

  ProtoWriter tag(int number, int wireType) {
    return varintRaw(((long) number << 3) | wireType);
  }

  ProtoWriter varintRaw(long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return this;
  }

  ProtoWriter varint(int number, long value) {
    return tag(number, 0).varintRaw(value);
  }

  ProtoWriter bool(int number, boolean value) {
    return varint(number, value ? 1 : 0);
  }

  ProtoWriter bytes(int number, byte[] value) {
    tag(number, 2).varintRaw(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter string(int number, String value) {
    return bytes(number, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter message(int number, Consumer<ProtoWriter> fields) {
    return bytes(number, message(fields));
  }

  /** A map entry {key=1, value=2} with a string value. */
  ProtoWriter entry(int number, String key, String value) {
    return message(number, e -> e.string(1, key).string(2, value));
  }

  /** A packed repeated varint field. */
  ProtoWriter packed(int number, long... values) {
    return bytes(number, message(w -> {
      for (long v : values) {
        w.varintRaw(v);
      }
    }));
  }

  ProtoWriter raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
