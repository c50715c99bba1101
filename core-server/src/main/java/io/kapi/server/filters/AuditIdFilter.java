package io.kapi.server.filters;

import io.kapi.server.request.RequestContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.UUID;

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
      auditId = UUID.randomUUID().toString();
    }
    RequestContext.setAuditId(exchange, auditId);
    if (!exchange.getResponseHeaders().contains(AUDIT_ID)) {
      exchange.getResponseHeaders().put(AUDIT_ID, auditId);
    }
    next.handleRequest(exchange);
  }
}
