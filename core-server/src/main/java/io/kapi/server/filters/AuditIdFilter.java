package io.kapi.server.filters;

import io.kapi.server.request.RequestContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an audit ID: the client's {@code Audit-ID} header verbatim, or a random UUID,
 * echoed in the {@code Audit-Id} response header unless a handler set one already.
 */
final class AuditIdFilter implements HttpHandler {
  static final HttpString AUDIT_ID = HttpString.tryFromString("Audit-Id");

  private final HttpHandler next;

  AuditIdFilter(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String auditId = exchange.getRequestHeaders().getFirst(AUDIT_ID);
    if (auditId == null || auditId.isEmpty()) {
      auditId = randomUuid();
    }
    RequestContext.setAuditId(exchange, auditId);
    if (!exchange.getResponseHeaders().contains(AUDIT_ID)) {
      exchange.getResponseHeaders().put(AUDIT_ID, auditId);
    }
    next.handleRequest(exchange);
  }

  /**
   * A random (version 4) UUID. Audit IDs correlate log lines; they are not secrets, so a
   * thread-local generator serves instead of the contended SecureRandom behind {@link
   * UUID#randomUUID()}.
   */
  static String randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(most, least).toString();
  }
}
