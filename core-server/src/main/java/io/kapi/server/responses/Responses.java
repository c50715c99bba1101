package io.kapi.server.responses;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.errors.ApiException;
import io.kapi.api.meta.Status;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes API responses. Every writer first claims the exchange's response, so when two parties race
 * (a handler and the request-timeout filter) exactly one response is sent and the loser's write is
 * dropped.
 */
public final class Responses {
  /** {@code application/json}, the default media type of every API response. */
  public static final String APPLICATION_JSON = "application/json";

  private static final AttachmentKey<AtomicBoolean> CLAIMED =
      AttachmentKey.create(AtomicBoolean.class);

  private Responses() {}

  /**
   * Claims the response of {@code exchange} for the caller. Returns false if someone else already
   * claimed it (the caller must then not write).
   */
  public static boolean claim(HttpServerExchange exchange) {
    AtomicBoolean claimed = exchange.getAttachment(CLAIMED);
    if (claimed == null) {
      synchronized (exchange) {
        claimed = exchange.getAttachment(CLAIMED);
        if (claimed == null) {
          claimed = new AtomicBoolean();
          exchange.putAttachment(CLAIMED, claimed);
        }
      }
    }
    return claimed.compareAndSet(false, true) && !exchange.isResponseStarted();
  }

  /** Whether a response has been claimed (or started) for {@code exchange}. */
  public static boolean isClaimed(HttpServerExchange exchange) {
    AtomicBoolean claimed = exchange.getAttachment(CLAIMED);
    return (claimed != null && claimed.get()) || exchange.isResponseStarted();
  }

  /** Writes {@code status} with its code as the HTTP status. */
  public static void writeStatus(HttpServerExchange exchange, Status status) {
    checkNotNull(status, "status");
    writeObject(exchange, status.code() == 0 ? 200 : status.code(), status);
  }

  /** Writes the status of {@code error}. */
  public static void writeError(HttpServerExchange exchange, ApiException error) {
    writeStatus(exchange, error.status());
  }

  /**
   * Writes {@code body} as JSON with {@code code}, pretty-printed when the client asks for it
   * ({@code ?pretty=true}) or is a person's tool (curl, Wget, a browser).
   */
  public static void writeObject(HttpServerExchange exchange, int code, Object body) {
    checkNotNull(body, "body");
    ApiCodec json = ApiCodec.json();
    byte[] bytes = isPrettyPrint(exchange) ? json.encodePretty(body) : json.encode(body);
    writeBytes(exchange, code, APPLICATION_JSON, bytes);
  }

  /** Writes {@code body} as 2-space indented JSON, like upstream's {@code WriteRawJSON}. */
  public static void writeRawJson(HttpServerExchange exchange, int code, Object body) {
    checkNotNull(body, "body");
    writeBytes(exchange, code, APPLICATION_JSON, ApiCodec.json().encodePretty(body));
  }

  /**
   * Writes {@code bytes} as-is with {@code contentType} (gzip-compressed on the wire when larger
   * than 128 KiB and the client accepts gzip, as upstream does).
   */
  public static void writeBytes(
      HttpServerExchange exchange, int code, String contentType, byte[] bytes) {
    checkNotNull(exchange, "exchange");
    if (!claim(exchange)) {
      return;
    }
    send(exchange, code, contentType, new ByteBuffer[] {ByteBuffer.wrap(bytes)}, bytes.length);
  }

  /**
   * Writes a body made of {@code parts}, in order, with its exact {@code Content-Length}, without
   * first copying them into one array: large lists go out as the objects' shared bytes.
   */
  public static void writeParts(
      HttpServerExchange exchange, int code, String contentType, ByteBuffer[] parts) {
    checkNotNull(exchange, "exchange");
    if (!claim(exchange)) {
      return;
    }
    long length = 0;
    for (ByteBuffer part : parts) {
      length += part.remaining();
    }
    send(exchange, code, contentType, parts, length);
  }

  /** Sends a claimed response: gzip-compressed when the client asks and the body is large. */
  private static void send(
      HttpServerExchange exchange, int code, String contentType, ByteBuffer[] parts, long length) {
    exchange.setStatusCode(code);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    boolean head = exchange.getRequestMethod().equalToString("HEAD");
    if (!head && ResponseCompression.applies(exchange, length)) {
      ByteBuffer compressed = ResponseCompression.compress(exchange, parts, length);
      exchange.setResponseContentLength(compressed.remaining());
      exchange.getResponseSender().send(compressed);
      return;
    }
    exchange.setResponseContentLength(length);
    if (head) {
      exchange.endExchange();
      return;
    }
    exchange.getResponseSender().send(parts);
  }

  /** Whether to indent JSON for this request (upstream's {@code isPrettyPrint}). */
  public static boolean isPrettyPrint(HttpServerExchange exchange) {
    Deque<String> pretty = exchange.getQueryParameters().get("pretty");
    if (pretty != null && !pretty.isEmpty() && !pretty.peekFirst().isEmpty()) {
      return switch (pretty.peekFirst()) {
        case "1", "t", "T", "true", "TRUE", "True" -> true;
        default -> false;
      };
    }
    String userAgent = exchange.getRequestHeaders().getFirst(Headers.USER_AGENT);
    return userAgent != null
        && (userAgent.startsWith("curl")
            || userAgent.startsWith("Wget")
            || userAgent.startsWith("Mozilla/5.0"));
  }
}
