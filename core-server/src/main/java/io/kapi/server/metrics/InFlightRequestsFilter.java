package io.kapi.server.metrics;

import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Counts a request in {@code apiserver_current_inflight_requests} (or, for a watch, in {@code
 * apiserver_longrunning_requests}) from the moment it passes this filter until its exchange
 * completes.
 */
final class InFlightRequestsFilter implements HttpHandler {
  private final HttpHandler next;
  private final ApiServerMetrics metrics;

  InFlightRequestsFilter(HttpHandler next, ApiServerMetrics metrics) {
    this.next = next;
    this.metrics = metrics;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    GaugeDataPoint gauge = metrics.servingGauge(exchange);
    gauge.inc();
    exchange.addExchangeCompleteListener(
        (ex, nextListener) -> {
          try {
            gauge.dec();
          } finally {
            nextListener.proceed();
          }
        });
    next.handleRequest(exchange);
  }
}
