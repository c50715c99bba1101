package io.kapi.server.responses;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Upstream's API response compression (the {@code APIResponseCompression} feature, on by default):
 * a response body larger than 128 KiB is sent gzip-compressed at level 1 when the request's {@code
 * Accept-Encoding} names {@code gzip}, as kubectl and client-go ask. Large lists shrink several
 * times over, which saves far more TLS and network time than the fastest gzip level costs.
 */
final class ResponseCompression {
  /** Bodies up to this size are sent as they are (upstream's {@code defaultGzipThresholdBytes}). */
  static final int THRESHOLD_BYTES = 128 * 1024;

  private ResponseCompression() {}

  /** Whether to compress a body of {@code length} bytes for this request. */
  static boolean applies(HttpServerExchange exchange, long length) {
    return length > THRESHOLD_BYTES && acceptsGzip(exchange);
  }

  /** Upstream's negotiation: one of the comma-separated tokens, trimmed, is exactly "gzip". */
  static boolean acceptsGzip(HttpServerExchange exchange) {
    String accepted = exchange.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING);
    if (accepted == null) {
      return false;
    }
    for (String token : accepted.split(",", -1)) {
      if (token.trim().equals("gzip")) {
        return true;
      }
    }
    return false;
  }

  /** Marks the response as gzip-encoded and returns the compressed body. */
  static ByteBuffer compress(HttpServerExchange exchange, ByteBuffer[] parts, long length) {
    exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
    exchange.getResponseHeaders().add(Headers.VARY, "Accept-Encoding");
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length / 4, 1 << 24));
    try (OutputStream gzip = new FastestGzip(out)) {
      for (ByteBuffer part : parts) {
        if (part.hasArray()) {
          gzip.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
        } else {
          byte[] copy = new byte[part.remaining()];
          part.duplicate().get(copy);
          gzip.write(copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("compressing into memory cannot fail", e);
    }
    return ByteBuffer.wrap(out.toByteArray());
  }

  /** gzip at level 1, upstream's choice: least CPU for nearly the same ratio. */
  private static final class FastestGzip extends GZIPOutputStream {
    FastestGzip(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
