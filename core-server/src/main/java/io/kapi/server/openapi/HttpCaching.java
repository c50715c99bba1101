package io.kapi.server.openapi;

import io.kapi.server.responses.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The conditional-GET rules of Go's {@code http.ServeContent}, which upstream's OpenAPI handlers
 * use: {@code If-None-Match} (a list of entity tags or {@code *}, compared weakly) wins; without
 * it, {@code If-Modified-Since} against the document's modification time (whole seconds).
 */
final class HttpCaching {
  private HttpCaching() {}

  /** The HTTP-date form of {@code instant}, e.g. {@code Tue, 25 Nov 2025 10:00:00 GMT}. */
  static String httpDate(Instant instant) {
    return DateUtils.toDateString(Date.from(instant));
  }

  /**
   * Whether a GET or HEAD request's preconditions say the client's copy, with entity tag {@code
   * quotedEtag} and modification time {@code lastModified}, is current.
   */
  static boolean notModified(HttpServerExchange exchange, String quotedEtag, Instant lastModified) {
    boolean read =
        exchange.getRequestMethod().equals(Methods.GET)
            || exchange.getRequestMethod().equals(Methods.HEAD);
    if (!read) {
      return false;
    }
    String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
    if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
      return anyTagMatches(ifNoneMatch, quotedEtag);
    }
    String ifModifiedSince = exchange.getRequestHeaders().getFirst(Headers.IF_MODIFIED_SINCE);
    if (ifModifiedSince == null) {
      return false;
    }
    Date since = DateUtils.parseDate(ifModifiedSince);
    return since != null
        && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since.toInstant());
  }

  /** Whether the {@code If-None-Match} list names {@code quotedEtag} (weakly) or is {@code *}. */
  static boolean anyTagMatches(String ifNoneMatch, String quotedEtag) {
    String ours = stripWeak(quotedEtag);
    int i = 0;
    int n = ifNoneMatch.length();
    while (i < n) {
      char c = ifNoneMatch.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
        continue;
      }
      if (c == '*') {
        return true;
      }
      int start = i;
      if (ifNoneMatch.startsWith("W/", i)) {
        i += 2;
      }
      if (i >= n || ifNoneMatch.charAt(i) != '"') {
        return false;
      }
      int close = ifNoneMatch.indexOf('"', i + 1);
      if (close < 0) {
        return false;
      }
      if (stripWeak(ifNoneMatch.substring(start, close + 1)).equals(ours)) {
        return true;
      }
      i = close + 1;
    }
    return false;
  }

  private static String stripWeak(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  /**
   * Answers 304 as Go's {@code writeNotModified} does: without {@code Content-Type} and {@code
   * Content-Length}, and without {@code Last-Modified} when an entity tag is set.
   */
  static void writeNotModified(HttpServerExchange exchange) {
    if (!Responses.claim(exchange)) {
      return;
    }
    exchange.getResponseHeaders().remove(Headers.CONTENT_TYPE);
    exchange.getResponseHeaders().remove(Headers.CONTENT_LENGTH);
    exchange.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
    if (exchange.getResponseHeaders().contains(Headers.ETAG)) {
      exchange.getResponseHeaders().remove(Headers.LAST_MODIFIED);
    }
    exchange.setStatusCode(304);
    exchange.endExchange();
  }
}
