package io.kapi.server.health;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every check of one endpoint: {@code ok} when all pass; with {@code ?verbose} one line per
 * check; any failure gives 500 with the verbose listing and reasons withheld (they are logged).
 */
final class HealthEndpointHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(HealthEndpointHandler.class);

  private final String endpoint;
  private final List<HealthCheck> checks;

  HealthEndpointHandler(String endpoint, List<HealthCheck> checks) {
    this.endpoint = endpoint;
    this.checks = checks;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Set<String> excluded = new LinkedHashSet<>();
    Deque<String> exclude = exchange.getQueryParameters().get("exclude");
    if (exclude != null) {
      excluded.addAll(exclude);
    }
    boolean verbose = exchange.getQueryParameters().containsKey("verbose");
    StringBuilder body = new StringBuilder();
    boolean failed = false;
    for (HealthCheck check : checks) {
      if (excluded.remove(check.name())) {
        body.append("[+]").append(check.name()).append(" excluded: ok\n");
        continue;
      }
      try {
        check.check();
        body.append("[+]").append(check.name()).append(" ok\n");
      } catch (Exception e) {
        failed = true;
        log.warn("{} check failed: {}: {}", endpoint, check.name(), e.toString());
        body.append("[-]").append(check.name()).append(" failed: reason withheld\n");
      }
    }
    if (!excluded.isEmpty()) {
      body.append("warn: some health checks cannot be excluded: no matches for ");
      body.append(String.join(",", excluded.stream().map(x -> "\"" + x + "\"").toList()));
      body.append('\n');
    }
    if (failed) {
      body.append(endpoint).append(" check failed\n");
      PlainText.write(exchange, 500, body.toString());
    } else if (verbose) {
      body.append(endpoint).append(" check passed\n");
      PlainText.write(exchange, 200, body.toString());
    } else {
      PlainText.write(exchange, 200, "ok");
    }
  }
}
