package io.kapi.server;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.kapi.api.discovery.RootPaths;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import io.kapi.server.discovery.AggregatedDiscovery;
import io.kapi.server.filters.DefaultHandlerChain;
import io.kapi.server.health.HealthCheck;
import io.kapi.server.health.HealthEndpoints;
import io.kapi.server.openapi.OpenApiV2Service;
import io.kapi.server.openapi.OpenApiV3Service;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One API server of a chain (kube-apiserver's {@code GenericAPIServer}): its {@link
 * ApiServerHandler}, the default endpoints ({@code /}, {@code /version}, {@code /healthz},
 * {@code /livez}, {@code /readyz}, {@code /metrics}), and the delegate it hands unknown paths to.
 *
 * <pre>{@code
 * GenericApiServer apiExtensions = GenericApiServer.builder("apiextensions-apiserver", config)
 *     .delegate(DelegationTarget.withHandler(new NotFoundHandler()))
 *     .build();
 * GenericApiServer kube = GenericApiServer.builder("kube-apiserver", config)
 *     .delegate(apiExtensions)
 *     .build();
 * }</pre>
 */
public final class GenericApiServer implements DelegationTarget {
  private final String name;
  private final ServerConfig config;
  private final ApiServerHandler handler;
  private final DelegationTarget delegate;
  private final List<HealthCheck> healthChecks;
  private final OpenApiV3Service openApiV3;
  private final AggregatedDiscovery aggregatedDiscovery;
  private final AggregatedDiscovery aggregatedLegacyDiscovery;
  private boolean openApiServed;

  private GenericApiServer(Builder b) {
    this.name = b.name;
    this.config = b.config;
    this.delegate = b.delegate;
    this.handler =
        new ApiServerHandler(
            name,
            delegate.unprotectedHandler(),
            b.chain != null ? b.chain : director -> DefaultHandlerChain.build(director, config));
    this.healthChecks = mergeChecks(b.healthChecks, delegate.healthChecks());
    if (delegate instanceof GenericApiServer inner) {
      // one chain publishes into one set of documents, which the outermost server serves
      this.openApiV3 = inner.openApiV3;
      this.aggregatedDiscovery = inner.aggregatedDiscovery;
      this.aggregatedLegacyDiscovery = inner.aggregatedLegacyDiscovery;
    } else {
      this.openApiV3 = OpenApiV3Service.create();
      this.aggregatedDiscovery = AggregatedDiscovery.create();
      this.aggregatedLegacyDiscovery = AggregatedDiscovery.create();
    }
    installDefaultEndpoints();
    if (delegate.unprotectedHandler() == null) {
      // a standalone server answers unknown paths with the index and 404, as upstream
      handler.nonGoRestfulMux().notFoundHandler(
          exchange -> Responses.writeRawJson(exchange, 404, new RootPaths(listedPaths())));
    }
  }

  /** Starts building server {@code name} with {@code config}. */
  public static Builder builder(String name, ServerConfig config) {
    return new Builder(name, config);
  }

  private static List<HealthCheck> mergeChecks(List<HealthCheck> own, List<HealthCheck> delegated) {
    Map<String, HealthCheck> byName = new LinkedHashMap<>();
    for (HealthCheck check : own) {
      byName.put(check.name(), check);
    }
    for (HealthCheck check : delegated) {
      byName.putIfAbsent(check.name(), check);
    }
    return List.copyOf(byName.values());
  }

  private void installDefaultEndpoints() {
    // the version never changes: encode it once
    byte[] versionBytes = io.kapi.api.codec.ApiCodec.json().encodePretty(config.version());
    HttpHandler index =
        exchange -> Responses.writeRawJson(exchange, 200, new RootPaths(listedPaths()));
    handler.nonGoRestfulMux().unlistedHandle("/", index);
    handler.nonGoRestfulMux().unlistedHandle("/index.html", index);
    handler
        .container()
        .add(
            WebService.builder("/version")
                .documentation("get the version information for this server")
                .route(
                    Route.builder("GET", "")
                        .operationId("getCodeVersion")
                        .doc("get the version information for this server")
                        .produces(Responses.APPLICATION_JSON)
                        .writes(config.version())
                        .to(
                            r ->
                                Responses.writeBytes(
                                    r.exchange(), 200, Responses.APPLICATION_JSON, versionBytes))
                        .build())
                .build());
    for (String endpoint : List.of("healthz", "livez", "readyz")) {
      HealthEndpoints.install(handler.nonGoRestfulMux(), endpoint, healthChecks);
    }
    // listed, and (not being public) behind authentication, as upstream installs it
    handler.nonGoRestfulMux().handle("/metrics", config.metrics().endpoint());
  }

  public String name() {
    return name;
  }

  public ServerConfig config() {
    return config;
  }

  /** The handler (container, mux, director, filter chain) of this server. */
  public ApiServerHandler handler() {
    return handler;
  }

  /**
   * The OpenAPI v3 documents of the chain: installers put each group version's document here. A
   * server built on a {@code GenericApiServer} delegate shares its delegate's service, so the
   * outermost server of a chain serves every group version of the chain.
   */
  public OpenApiV3Service openApiV3() {
    return openApiV3;
  }

  /**
   * The aggregated discovery document of {@code /apis} (every group but the core group), shared
   * along the chain like {@link #openApiV3()}.
   */
  public AggregatedDiscovery aggregatedDiscovery() {
    return aggregatedDiscovery;
  }

  /** The aggregated discovery document of {@code /api} (the core group), shared along the chain. */
  public AggregatedDiscovery aggregatedLegacyDiscovery() {
    return aggregatedLegacyDiscovery;
  }

  /**
   * Serves {@link #openApiV3()} at {@code /openapi/v3} and {@code /openapi/v3/} and its Swagger 2.0
   * view at {@code /openapi/v2} from this server's mux (listed paths, as upstream); calling it again
   * changes nothing.
   */
  public synchronized void serveOpenApi() {
    if (openApiServed) {
      return;
    }
    openApiServed = true;
    openApiV3.install(handler.nonGoRestfulMux());
    OpenApiV2Service.from(openApiV3).install(handler.nonGoRestfulMux());
  }

  /** Adds a WebService to this server's container. */
  public void installWebService(WebService webService) {
    handler.container().add(checkNotNull(webService, "webService"));
  }

  @Override
  public HttpHandler unprotectedHandler() {
    return handler.director();
  }

  @Override
  public List<HealthCheck> healthChecks() {
    return healthChecks;
  }

  /** This server's listed paths united with its delegate's, sorted, without duplicates. */
  @Override
  public List<String> listedPaths() {
    TreeSet<String> union = new TreeSet<>(handler.listedPaths());
    union.addAll(delegate.listedPaths());
    return new ArrayList<>(union);
  }

  @Override
  public DelegationTarget nextDelegate() {
    return delegate;
  }

  /** Builds a {@link GenericApiServer}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final ServerConfig config;
    private DelegationTarget delegate = DelegationTarget.empty();
    private final List<HealthCheck> healthChecks =
        new ArrayList<>(List.of(HealthCheck.ping(), HealthCheck.of("log", () -> {})));
    private @Nullable UnaryOperator<HttpHandler> chain;
    private boolean built;

    private Builder(String name, ServerConfig config) {
      this.name = checkNotNull(name, "name");
      this.config = checkNotNull(config, "config");
    }

    /** The server unknown paths go to (default: none, unknown paths answer 404 with the index). */
    public Builder delegate(DelegationTarget delegate) {
      this.delegate = checkNotNull(delegate, "delegate");
      return this;
    }

    /** Adds a health check to {@code /healthz}, {@code /livez} and {@code /readyz}. */
    public Builder healthCheck(HealthCheck check) {
      healthChecks.add(checkNotNull(check, "check"));
      return this;
    }

    /** Replaces the default filter chain ({@link DefaultHandlerChain}). */
    public Builder handlerChain(UnaryOperator<HttpHandler> chain) {
      this.chain = checkNotNull(chain, "chain");
      return this;
    }

    public GenericApiServer build() {
      checkState(!built, "build() called twice for server %s", name);
      built = true;
      return new GenericApiServer(this);
    }
  }
}
