package io.kapi.server.metrics;

import io.kapi.server.responses.Responses;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code /metrics}: a scrape of the registry written by the Prometheus client library, in
 * the Prometheus text format, or in OpenMetrics when the {@code Accept} header asks for it (as
 * Prometheus itself does).
 */
final class MetricsEndpoint implements HttpHandler {
  private final PrometheusRegistry registry;
  private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
  private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

  MetricsEndpoint(PrometheusRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String accept = accept(exchange);
    ExpositionFormatWriter writer =
        accept != null && openMetrics.accepts(accept) ? openMetrics : text;
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    writer.write(out, registry.scrape(), EscapingScheme.fromAcceptHeader(accept));
    Responses.writeBytes(exchange, 200, writer.getContentType(), out.toByteArray());
  }

  private static @Nullable String accept(HttpServerExchange exchange) {
    HeaderValues values = exchange.getRequestHeaders().get(Headers.ACCEPT);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.getFirst() : String.join(",", values);
  }
}
