package io.kapi.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteChunksTest {
  @Test
  void buffersHoldThePiecesInOrderWithFewBuffers() {
    Random random = new Random(7);
    ByteChunks chunks = new ByteChunks();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < 5_000; i++) {
      // mostly ~1 KiB objects, now and then one larger than half a chunk
      int size = i % 997 == 0 ? ByteChunks.CHUNK + 5 : 1 + random.nextInt(1_500);
      byte[] piece = new byte[size];
      random.nextBytes(piece);
      chunks.add(piece);
      expected.writeBytes(piece);
      chunks.add((byte) ',');
      expected.write(',');
    }

    ByteBuffer[] buffers = chunks.toBuffers();

    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    for (ByteBuffer buffer : buffers) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      actual.writeBytes(bytes);
    }
    assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(buffers.length).isLessThan(expected.size() / (ByteChunks.CHUNK / 2));
    assertThat(Arrays.stream(buffers).mapToInt(ByteBuffer::remaining).max().getAsInt())
        .isLessThanOrEqualTo(ByteChunks.CHUNK + 5);
  }

  @Test
  void emptyBodyHasNoBuffers() {
    assertThat(new ByteChunks().toBuffers()).isEmpty();
  }
}
