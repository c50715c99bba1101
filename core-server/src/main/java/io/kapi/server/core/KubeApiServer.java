package io.kapi.server.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.restcontainer.WebService;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.discovery.LegacyDiscovery;
import io.kapi.server.endpoints.ApiInstaller;
import io.kapi.server.endpoints.InstalledApiGroup;
import io.kapi.server.registry.ApiGroupInfo;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kube-apiserver} of a chain: a {@link GenericApiServer} that serves the core group as
 * go-restful WebServices {@code /api/v1} (its resources) and {@code /api} (APIVersions), registered
 * in that order, as upstream does, so the director hands {@code /api/v1/...} to {@code /api/v1}.
 */
public final class KubeApiServer {
  /** The name the server logs under. */
  public static final String NAME = "kube-apiserver";

  private final GenericApiServer server;
  private final List<APIResource> coreResources = new CopyOnWriteArrayList<>();
  private @Nullable InstalledApiGroup core;

  private KubeApiServer(GenericApiServer server) {
    this.server = server;
  }

  /** Builds the server in front of {@code delegate} (the apiextensions-apiserver). */
  public static KubeApiServer create(ServerConfig config, DelegationTarget delegate) {
    checkNotNull(config, "config");
    checkNotNull(delegate, "delegate");
    KubeApiServer kube =
        new KubeApiServer(GenericApiServer.builder(NAME, config).delegate(delegate).build());
    kube.server.installWebService(
        WebService.builder("/api/v1")
            .documentation("API at /api/v1")
            .route(
                LegacyDiscovery.resourceListRoute(
                    () -> APIResourceList.of("v1", List.copyOf(kube.coreResources))))
            .build());
    kube.server.installWebService(
        LegacyDiscovery.apiVersions(List.of("v1"), config.externalAddress()));
    return kube;
  }

  /**
   * Builds the server in front of {@code delegate} serving the resources of {@code coreGroup} (the
   * legacy core group, {@code v1}) through {@code installer}: {@code /api/v1} with their routes and
   * resource list, then {@code /api}.
   *
   * @throws IllegalArgumentException if {@code coreGroup} is not the core group
   */
  public static KubeApiServer create(
      ServerConfig config, DelegationTarget delegate, ApiInstaller installer, ApiGroupInfo coreGroup) {
    checkNotNull(config, "config");
    checkNotNull(delegate, "delegate");
    checkNotNull(installer, "installer");
    checkArgument(coreGroup.isCore(), "%s is not the core group", coreGroup);
    KubeApiServer kube =
        new KubeApiServer(GenericApiServer.builder(NAME, config).delegate(delegate).build());
    kube.core = installer.install(kube.server, coreGroup);
    return kube;
  }

  /** The installed core group, when the server was created with one. */
  public Optional<InstalledApiGroup> coreGroup() {
    return Optional.ofNullable(core);
  }

  /** The generic server, to chain behind an aggregator or to serve directly. */
  public GenericApiServer genericServer() {
    return server;
  }
}
