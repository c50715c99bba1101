package io.kapi.server.health;

import io.kapi.server.responses.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;

/** Health answers are plain text, as upstream's: {@code text/plain; charset=utf-8}, nosniff. */
final class PlainText {
  private static final HttpString NOSNIFF = HttpString.tryFromString("X-Content-Type-Options");

  private PlainText() {}

  static void write(HttpServerExchange exchange, int code, String body) {
    exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
    Responses.writeBytes(
        exchange, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }
}
