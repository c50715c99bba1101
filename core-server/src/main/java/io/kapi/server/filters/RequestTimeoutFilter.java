package io.kapi.server.filters;

import io.kapi.api.errors.ApiErrors;
import io.kapi.server.metrics.ApiServerMetrics;
import io.kapi.server.request.RequestContext;
import io.kapi.server.request.RequestInfo;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;

/**
 * Answers 504 {@code Timeout} when a non-long-running request has not been answered within the
 * request timeout (60 s by default, shortened by a valid {@code ?timeout=} parameter). Watches are
 * exempt. The handler keeps running but its late response is dropped.
 */
final class RequestTimeoutFilter implements HttpHandler {
  private final HttpHandler next;
  private final long timeoutMillis;

  private final ApiServerMetrics metrics;

  RequestTimeoutFilter(HttpHandler next, Duration timeout, ApiServerMetrics metrics) {
    this.next = next;
    this.metrics = metrics;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    RequestInfo info = RequestContext.requestInfo(exchange);
    if (info != null && info.isLongRunning()) {
      next.handleRequest(exchange);
      return;
    }
    long millis = Math.min(timeoutMillis, requestedTimeoutMillis(exchange));
    XnioExecutor.Key key =
        exchange
            .getIoThread()
            .executeAfter(
                () -> {
                  if (!Responses.isClaimed(exchange)) {
                    metrics.recordTermination(exchange, 504);
                  }
                  Responses.writeError(exchange, ApiErrors.timeout());
                },
                millis,
                TimeUnit.MILLISECONDS);
    exchange.addExchangeCompleteListener(
        (ex, nextListener) -> {
          key.remove();
          nextListener.proceed();
        });
    next.handleRequest(exchange);
  }

  /** The client's {@code ?timeout=} as Go duration ({@code 32s}, {@code 5m}); unparsable → no limit. */
  private static long requestedTimeoutMillis(HttpServerExchange exchange) {
    Deque<String> values = exchange.getQueryParameters().get("timeout");
    if (values == null || values.isEmpty()) {
      return Long.MAX_VALUE;
    }
    Long parsed = GoDurationParser.parseMillis(values.peekFirst());
    return parsed == null || parsed <= 0 ? Long.MAX_VALUE : parsed;
  }
}
