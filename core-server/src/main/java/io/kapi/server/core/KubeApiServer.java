package io.kapi.server.core;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.restcontainer.WebService;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.discovery.LegacyDiscovery;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

  /** The generic server, to chain behind an aggregator or to serve directly. */
  public GenericApiServer genericServer() {
    return server;
  }
}
