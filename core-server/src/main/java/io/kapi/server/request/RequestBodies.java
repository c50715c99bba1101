package io.kapi.server.request;

import static com.google.common.base.Preconditions.checkState;

import io.kapi.api.errors.ApiErrors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Protocols;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body whole, within the server's body limit: a body over the limit becomes a 413
 * {@code RequestEntityTooLarge} {@link io.kapi.api.errors.ApiException}, never a broken connection
 * or a 500.
 */
public final class RequestBodies {
  private RequestBodies() {}

  /**
   * Reads the body of {@code exchange} (blocking: call from a worker thread).
   *
   * @param limit the largest body accepted, in bytes
   */
  public static byte[] readAll(HttpServerExchange exchange, long limit) {
    checkState(!exchange.isInIoThread(), "request bodies are read on a worker thread");
    if (!exchange.isBlocking()) {
      exchange.startBlocking();
    }
    try (InputStream in = exchange.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        // the rest of the body stays unread: an HTTP/1.x connection cannot be reused
        if (!exchange.getProtocol().equals(Protocols.HTTP_2_0)) {
          exchange.setPersistent(false);
        }
        throw ApiErrors.requestEntityTooLarge(limit);
      }
      return body;
    } catch (IOException e) {
      // Undertow signals a body over setMaxEntitySize as an IOException while reading
      if (e instanceof RequestTooBigException) {
        exchange.setPersistent(false);
        throw ApiErrors.requestEntityTooLarge(limit);
      }
      throw ApiErrors.badRequest("unable to read the request body: " + e.getMessage());
    }
  }
}
