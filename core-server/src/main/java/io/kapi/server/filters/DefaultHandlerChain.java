package io.kapi.server.filters;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.ServerConfig;
import io.undertow.server.HttpHandler;

/**
 * Wraps a director with kube-apiserver's default filters. Request order, outermost first: audit ID,
 * panic recovery, request info, HTTP log, cache control, body limit, request timeout,
 * authentication (when configured), then the director.
 */
public final class DefaultHandlerChain {
  private DefaultHandlerChain() {}

  /** The default chain without authentication, for servers that trust their callers. */
  public static HttpHandler build(HttpHandler director, ServerConfig config) {
    return build(director, config, null);
  }

  /**
   * The default chain; {@code authentication} (if not null) is placed just outside the director,
   * after the cheap filters, as upstream does.
   */
  public static HttpHandler build(
      HttpHandler director,
      ServerConfig config,
      java.util.function.@org.jspecify.annotations.Nullable UnaryOperator<HttpHandler>
          authentication) {
    checkNotNull(director, "director");
    checkNotNull(config, "config");
    HttpHandler h = director;
    if (authentication != null) {
      h = authentication.apply(h);
    }
    h = new RequestTimeoutFilter(h, config.requestTimeout());
    h = new BodyLimitFilter(h, config.maxRequestBodyBytes());
    h = new CacheControlFilter(h);
    h = new HttpLogFilter(h);
    h = new RequestInfoFilter(h);
    h = new PanicRecoveryFilter(h);
    h = new AuditIdFilter(h);
    return h;
  }
}
