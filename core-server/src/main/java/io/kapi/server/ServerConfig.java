package io.kapi.server;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.VersionInfo;
import io.kapi.server.authn.Authenticator;
import io.kapi.server.metrics.ApiServerMetrics;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The settings every server of a chain shares: what {@code /version} says, request limits, the
 * address clients are told to use in discovery, and the request metrics. Immutable; derive variants
 * with the {@code with*} methods (they keep the same metrics).
 *
 * @param version the answer of {@code /version}
 * @param requestTimeout the longest a non-long-running request may take (default 60 s)
 * @param maxRequestBodyBytes the largest request body accepted (default 3 MiB)
 * @param externalAddress {@code host:port} advertised in {@code serverAddressByClientCIDRs}; a
 *     supplier because the port may only be known once the server is bound
 * @param authenticator who may call the server; null serves everyone (for servers behind a
 *     trusted front, and tests)
 * @param metrics the request metrics the outermost server records and every server's {@code
 *     /metrics} serves (default: a new registry per {@link #defaults})
 */
public record ServerConfig(
    VersionInfo version,
    Duration requestTimeout,
    long maxRequestBodyBytes,
    Supplier<String> externalAddress,
    @Nullable Authenticator authenticator,
    ApiServerMetrics metrics) {

  /** Upstream's {@code MaxRequestBodyBytes}: 3 MiB. */
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 3L * 1024 * 1024;

  /** Upstream's {@code RequestTimeout}: 60 s. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  public ServerConfig {
    checkNotNull(version, "version");
    checkNotNull(requestTimeout, "requestTimeout");
    checkArgument(!requestTimeout.isNegative() && !requestTimeout.isZero(),
        "requestTimeout must be positive: %s", requestTimeout);
    checkArgument(maxRequestBodyBytes > 0, "maxRequestBodyBytes must be positive: %s",
        maxRequestBodyBytes);
    checkNotNull(externalAddress, "externalAddress");
    checkNotNull(metrics, "metrics");
  }

  /** The defaults, advertising {@code externalAddress}. */
  public static ServerConfig defaults(Supplier<String> externalAddress) {
    return new ServerConfig(
        KapiVersion.info(), DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_REQUEST_BODY_BYTES,
        externalAddress, null, ApiServerMetrics.create());
  }

  public ServerConfig withRequestTimeout(Duration timeout) {
    return new ServerConfig(
        version, timeout, maxRequestBodyBytes, externalAddress, authenticator, metrics);
  }

  public ServerConfig withMaxRequestBodyBytes(long bytes) {
    return new ServerConfig(
        version, requestTimeout, bytes, externalAddress, authenticator, metrics);
  }

  /**
   * Requires authentication by {@code authenticator} for everything but the public endpoints
   * ({@code /healthz}, {@code /livez}, {@code /readyz}, {@code /version}).
   */
  public ServerConfig withAuthentication(Authenticator newAuthenticator) {
    return new ServerConfig(
        version, requestTimeout, maxRequestBodyBytes, externalAddress,
        checkNotNull(newAuthenticator, "authenticator"), metrics);
  }

  /**
   * Records requests into, and serves {@code /metrics} from, {@code newMetrics} instead, e.g. one
   * made with {@link ApiServerMetrics#create(io.prometheus.metrics.model.registry.PrometheusRegistry)}
   * over a registry that also holds the application's metrics.
   */
  public ServerConfig withMetrics(ApiServerMetrics newMetrics) {
    return new ServerConfig(
        version, requestTimeout, maxRequestBodyBytes, externalAddress, authenticator,
        checkNotNull(newMetrics, "metrics"));
  }
}
