package io.kapi.server.filters;

import io.kapi.api.errors.ApiException;
import io.kapi.api.meta.Status;
import io.kapi.api.meta.StatusReasons;
import io.kapi.server.request.RequestContext;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns anything a handler throws into a response: an {@link ApiException} becomes its {@code
 * Status}; anything else is logged with its stack trace and answered with a 500 {@code Status}
 * that reveals nothing internal. Used by the panic-recovery filter and by handlers that continue
 * on a worker thread.
 */
public final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  /** upstream's panic message. */
  static final String PANIC_MESSAGE =
      "This request caused apiserver to panic. Look in the logs for details.";

  private Failures() {}

  /** Answers {@code exchange} for {@code failure} (if nothing was sent yet). */
  public static void write(HttpServerExchange exchange, Throwable failure) {
    if (failure instanceof ApiException api) {
      Responses.writeError(exchange, api);
      return;
    }
    log.error(
        "panic serving {} {} (audit-ID {})",
        exchange.getRequestMethod(), exchange.getRequestURI(), RequestContext.auditId(exchange),
        failure);
    if (Responses.isClaimed(exchange)) {
      // part of a response is on the wire: the only honest signal left is to cut the connection
      exchange.setPersistent(false);
      exchange.endExchange();
      return;
    }
    Responses.writeStatus(
        exchange, Status.failure(500, StatusReasons.INTERNAL_ERROR, PANIC_MESSAGE));
  }
}
