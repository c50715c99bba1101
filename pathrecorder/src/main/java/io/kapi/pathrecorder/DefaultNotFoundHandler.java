package io.kapi.pathrecorder;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The fallback of a {@link PathRecorderMux} until one is set: Go's {@code http.NotFoundHandler()},
 * a plain-text 404 with body {@code 404 page not found\n}.
 */
final class DefaultNotFoundHandler implements HttpHandler {
  static final DefaultNotFoundHandler INSTANCE = new DefaultNotFoundHandler();

  static final String BODY = "404 page not found\n";

  private static final ByteBuffer BODY_BYTES =
      ByteBuffer.wrap(BODY.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();

  private DefaultNotFoundHandler() {}

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.setStatusCode(404);
    exchange
        .getResponseHeaders()
        .put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8")
        .put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
    exchange.getResponseSender().send(BODY_BYTES.duplicate());
  }

  @Override
  public String toString() {
    return "NotFoundHandler";
  }
}
