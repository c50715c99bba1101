package io.kapi.server.filters;

import io.kapi.pathrecorder.GoQuote;
import io.kapi.server.request.CanonicalVerb;
import io.kapi.server.request.RequestContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per finished request in kube-apiserver's httplog format (its {@code -v=3} line):
 * {@code "HTTP" verb="LIST" URI="/api/v1/pods?limit=500" latency="2.1ms" userAgent="…"
 * audit-ID="…" srcIP="127.0.0.1:51234" resp=200}, on logger {@code io.kapi.server.httplog} at
 * DEBUG.
 */
final class HttpLogFilter implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger("io.kapi.server.httplog");

  private final HttpHandler next;

  HttpLogFilter(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (log.isDebugEnabled()) {
      exchange.addExchangeCompleteListener(
          (ex, nextListener) -> {
            try {
              log.debug(line(ex));
            } finally {
              nextListener.proceed();
            }
          });
    }
    next.handleRequest(exchange);
  }

  static String line(HttpServerExchange ex) {
    String uri = ex.getRequestURI();
    if (!ex.getQueryString().isEmpty()) {
      uri = uri + "?" + ex.getQueryString();
    }
    String verb =
        CanonicalVerb.of(
            ex.getRequestMethod().toString(),
            RequestContext.requestInfo(ex),
            ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
    String userAgent = ex.getRequestHeaders().getFirst(Headers.USER_AGENT);
    String auditId = RequestContext.auditId(ex);
    if (auditId != null && auditId.length() > 64) {
      auditId = auditId.substring(0, 64);
    }
    long latency = System.nanoTime() - RequestContext.receivedNanos(ex);
    return "\"HTTP\" verb=" + GoQuote.quote(verb)
        + " URI=" + GoQuote.quote(uri)
        + " latency=" + GoQuote.quote(GoDuration.format(latency))
        + " userAgent=" + GoQuote.quote(userAgent == null ? "" : userAgent)
        + " audit-ID=" + GoQuote.quote(auditId == null ? "" : auditId)
        + " srcIP=" + GoQuote.quote(sourceAddress(ex))
        + " resp=" + ex.getStatusCode();
  }

  private static String sourceAddress(HttpServerExchange ex) {
    InetSocketAddress address = ex.getSourceAddress();
    if (address == null) {
      return "";
    }
    String host = address.getAddress() != null
        ? address.getAddress().getHostAddress()
        : address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
