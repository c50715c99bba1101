package io.kapi.server.filters;

import io.kapi.api.errors.ApiErrors;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Protocols;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Rejects request bodies over the limit (default 3 MiB) with 413 {@code RequestEntityTooLarge}:
 * when {@code Content-Length} says so, after reading and dropping the body (up to four times the
 * limit; larger ones at once); chunked bodies are cut off by their reader ({@link
 * io.kapi.server.request.RequestBodies} reads at most the limit plus one byte and answers the same
 * status).
 */
final class BodyLimitFilter implements HttpHandler {
  /** Bodies up to this many times the limit are read and dropped before the 413 is sent. */
  private static final long DRAIN_FACTOR = 4;

  private final HttpHandler next;
  private final long limit;

  BodyLimitFilter(HttpHandler next, long limit) {
    this.next = next;
    this.limit = limit;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long length = exchange.getRequestContentLength();
    if (length > limit) {
      if (length / DRAIN_FACTOR <= limit) {
        // read and drop the body first, as upstream's handlers read limit + 1 bytes before
        // answering: a client still sending would otherwise see the connection reset and lose
        // the answer
        if (exchange.isInIoThread()) {
          exchange.dispatch(this);
          return;
        }
        drain(exchange, length);
      } else if (!exchange.getProtocol().equals(Protocols.HTTP_2_0)) {
        // too much to read: close an HTTP/1.x connection afterwards (an HTTP/2 stream ends
        // alone; its connection carries other streams)
        exchange.setPersistent(false);
      }
      Responses.writeError(exchange, ApiErrors.requestEntityTooLarge(limit));
      return;
    }
    // Chunked bodies are left to their readers, which stop at limit + 1 bytes and answer 413
    // (RequestBodies). Undertow's own entity limit would drop the connection without a response,
    // and it cut off 3 MiB chunked bodies even when set to twice the limit.
    next.handleRequest(exchange);
  }

  private static void drain(HttpServerExchange exchange, long length) {
    long max = exchange.getMaxEntitySize();
    if (max > 0 && max < length) {
      // Undertow's own limit (2 MiB unless configured) would drop the connection mid-body
      exchange.setMaxEntitySize(length);
    }
    if (!exchange.isBlocking()) {
      exchange.startBlocking();
    }
    try (InputStream in = exchange.getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away; the 413 is still attempted
      exchange.setPersistent(false);
    }
  }
}
