package io.kapi.server.health;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.pathrecorder.PathRecorderMux;
import java.util.List;

/**
 * Installs a health endpoint ({@code /healthz}, {@code /livez} or {@code /readyz}) and one path per
 * check ({@code /healthz/ping}) into a {@link PathRecorderMux}, all listed at {@code /}.
 */
public final class HealthEndpoints {
  private HealthEndpoints() {}

  /**
   * Installs {@code /<endpoint>} and {@code /<endpoint>/<check>} for every check.
   *
   * @param endpoint {@code healthz}, {@code livez} or {@code readyz}
   */
  public static void install(PathRecorderMux mux, String endpoint, List<HealthCheck> checks) {
    checkNotNull(mux, "mux");
    checkNotNull(endpoint, "endpoint");
    List<HealthCheck> copy = List.copyOf(checks);
    mux.handle("/" + endpoint, new HealthEndpointHandler(endpoint, copy));
    for (HealthCheck check : copy) {
      mux.handle("/" + endpoint + "/" + check.name(), new SingleCheckHandler(check));
    }
  }
}
