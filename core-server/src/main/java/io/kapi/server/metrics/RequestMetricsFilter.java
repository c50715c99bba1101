package io.kapi.server.metrics;

import io.kapi.server.request.RequestContext;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and times every request when its exchange completes, whoever answered it and on whatever
 * thread, into {@link ApiServerMetrics}. The duration starts when the request-info filter received
 * the request, or when this filter saw it if that filter is not in the chain.
 */
final class RequestMetricsFilter implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestMetricsFilter.class);

  private final HttpHandler next;
  private final ApiServerMetrics metrics;

  RequestMetricsFilter(HttpHandler next, ApiServerMetrics metrics) {
    this.next = next;
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long start =
        RequestContext.requestInfo(exchange) != null
            ? RequestContext.receivedNanos(exchange)
            : System.nanoTime();
    exchange.addExchangeCompleteListener(
        (ex, nextListener) -> {
          try {
            metrics.recordCompleted(ex, start);
          } catch (RuntimeException e) {
            log.warn(
                "could not record the metrics of {} {}",
                ex.getRequestMethod(),
                ex.getRequestPath(),
                e);
          } finally {
            nextListener.proceed();
          }
        });
    next.handleRequest(exchange);
  }
}
