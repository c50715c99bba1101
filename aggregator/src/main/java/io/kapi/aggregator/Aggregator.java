package io.kapi.aggregator;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Splitter;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kube-aggregator}: the outermost {@link GenericApiServer} of a chain. It answers
 * {@code /apis} itself from its APIServices and routes every APIService's paths ({@code /api},
 * {@code /api/}, {@code /apis/<g>/<v>}, {@code /apis/<g>/<v>/}, {@code /apis/<g>}) to the server
 * that serves them; local APIServices hand the request to the delegate's unprotected handler. It
 * also serves what the servers of the chain publish: aggregated discovery ({@code /apis} with
 * {@code Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}, ordered by
 * the APIServices' priorities) and the OpenAPI documents ({@code /openapi/v2}, {@code
 * /openapi/v3}, {@code /openapi/v3/<group version path>}).
 *
 * <pre>{@code
 * Aggregator aggregator = Aggregator.create(config, kubeApiServer);
 * aggregator.autoRegister();           // an APIService for every group version below it
 * HttpHandler served = aggregator.genericServer().handler().fullHandlerChain();
 * }</pre>
 */
public final class Aggregator {
  /** The name the server logs under. */
  public static final String NAME = "kube-aggregator";

  private static final Logger log = LoggerFactory.getLogger(Aggregator.class);

  private final GenericApiServer server;
  private final DelegationTarget delegate;
  private final ApiServiceRegistry registry;

  private Aggregator(GenericApiServer server, DelegationTarget delegate) {
    this.server = server;
    this.delegate = delegate;
    this.registry =
        new ApiServiceRegistry(
            server.handler().nonGoRestfulMux(), checkNotNull(delegate.unprotectedHandler()));
    ApisHandler apis = new ApisHandler(registry);
    server.handler().nonGoRestfulMux().handle("/apis", server.aggregatedDiscovery().wrap(apis));
    server.handler().nonGoRestfulMux().unlistedHandle("/apis/", apis);
    server.serveOpenApi();
  }

  /** Builds the aggregator in front of {@code delegate} (the kube-apiserver). */
  public static Aggregator create(ServerConfig config, DelegationTarget delegate) {
    checkNotNull(config, "config");
    checkNotNull(delegate, "delegate");
    checkNotNull(delegate.unprotectedHandler(), "the aggregator needs a delegate that serves");
    GenericApiServer server = GenericApiServer.builder(NAME, config).delegate(delegate).build();
    return new Aggregator(server, delegate);
  }

  /** The generic server: serve {@code genericServer().handler().fullHandlerChain()}. */
  public GenericApiServer genericServer() {
    return server;
  }

  /**
   * Registers a local APIService (served by the delegate chain) for {@code group}/{@code version}
   * with the built-in priorities (or the defaults for groups kube-apiserver does not know).
   */
  public void registerLocal(String group, String version) {
    int[] priorities = BuiltinPriorities.of(group, version);
    ApiServiceInfo service = new ApiServiceInfo(group, version, priorities[0], priorities[1]);
    registry.add(service);
    (group.isEmpty() ? server.aggregatedLegacyDiscovery() : server.aggregatedDiscovery())
        .setGroupVersionPriority(group, version, priorities[0], priorities[1]);
    log.debug("registered local APIService {}", service.name());
  }

  /**
   * Removes the APIService {@code <version>.<group>}, and its group version from aggregated
   * discovery; false if there was none.
   */
  public boolean unregister(String group, String version) {
    boolean removed = registry.remove(version + "." + group);
    if (removed) {
      (group.isEmpty() ? server.aggregatedLegacyDiscovery() : server.aggregatedDiscovery())
          .removeGroupVersion(group, version);
    }
    return removed;
  }

  /**
   * Registers a local APIService for every group version the delegate chain lists: {@code /api/v1}
   * and every {@code /apis/<group>/<version>}, as upstream's auto-registration does at start.
   */
  public void autoRegister() {
    for (String path : delegate.listedPaths()) {
      if (path.equals("/api/v1")) {
        registerLocal("", "v1");
        continue;
      }
      List<String> parts = Splitter.on('/').splitToList(path);
      if (parts.size() == 4 && parts.get(0).isEmpty() && parts.get(1).equals("apis")
          && !parts.get(2).isEmpty() && !parts.get(3).isEmpty()) {
        registerLocal(parts.get(2), parts.get(3));
      }
    }
  }

  /** The names of the registered APIServices ({@code <version>.<group>}), sorted. */
  public List<String> apiServiceNames() {
    return registry.services().stream().map(ApiServiceInfo::name).sorted().toList();
  }
}
