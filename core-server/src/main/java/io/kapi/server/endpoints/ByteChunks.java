package io.kapi.server.endpoints;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a large response body as a few buffers of about {@value #CHUNK} bytes: small pieces (an
 * object's JSON, a comma) are copied into the current chunk, large ones are kept as they are. A
 * list of thousands of objects then reaches the TLS engine as tens of buffers instead of one per
 * piece (the engine scans every buffer for each record it wraps) and without growing one array.
 */
final class ByteChunks {
  static final int CHUNK = 32 * 1024;

  private final List<ByteBuffer> buffers = new ArrayList<>();
  private byte[] current = new byte[CHUNK];
  private int used;

  void add(byte[] piece) {
    if (piece.length >= CHUNK / 2) {
      flush();
      buffers.add(ByteBuffer.wrap(piece));
      return;
    }
    if (used + piece.length > current.length) {
      flush();
    }
    System.arraycopy(piece, 0, current, used, piece.length);
    used += piece.length;
  }

  void add(byte b) {
    if (used == current.length) {
      flush();
    }
    current[used++] = b;
  }

  ByteBuffer[] toBuffers() {
    flush();
    return buffers.toArray(new ByteBuffer[0]);
  }

  private void flush() {
    if (used > 0) {
      buffers.add(ByteBuffer.wrap(current, 0, used));
      current = new byte[CHUNK];
      used = 0;
    }
  }
}
