package io.kapi.server.filters;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.ServerConfig;
import io.undertow.server.HttpHandler;

/**
 * Wraps a director with kube-apiserver's default filters. Request order, outermost first: audit ID,
 * panic recovery, request info, HTTP log, request metrics, cache control, body limit, request
 * timeout, authentication (when configured), in-flight tracking, then the director.
 */
public final class DefaultHandlerChain {
  private DefaultHandlerChain() {}

  /**
   * The default chain around {@code director}; authentication (when the config has an
   * authenticator) runs last but one, as upstream orders it. The request metrics ({@link
   * ServerConfig#metrics()}) count every request just inside the HTTP log, so requests that
   * authentication rejects are counted too; in-flight and long-running requests are tracked just
   * inside authentication, where upstream's in-flight limit sits.
   */
  public static HttpHandler build(HttpHandler director, ServerConfig config) {
    checkNotNull(director, "director");
    checkNotNull(config, "config");
    HttpHandler h = config.metrics().inFlightFilter(director);
    if (config.authenticator() != null) {
      h = new AuthenticationFilter(h, config.authenticator());
    }
    h = new RequestTimeoutFilter(h, config.requestTimeout(), config.metrics());
    h = new BodyLimitFilter(h, config.maxRequestBodyBytes());
    h = new CacheControlFilter(h);
    h = config.metrics().requestFilter(h);
    h = new HttpLogFilter(h);
    h = new RequestInfoFilter(h);
    h = new PanicRecoveryFilter(h);
    h = new AuditIdFilter(h);
    return h;
  }
}
