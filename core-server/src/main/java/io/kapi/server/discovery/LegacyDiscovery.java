package io.kapi.server.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.discovery.APIVersions;
import io.kapi.api.discovery.ServerAddressByClientCIDR;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import io.kapi.server.responses.Responses;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the WebServices of legacy (non-aggregated) discovery, with upstream's shapes: {@code GET /api}
 * answers {@link APIVersions} (first address for {@code 0.0.0.0/0}), {@code GET /api/v1} and {@code GET
 * /apis/<g>/<v>} answer an {@link APIResourceList}.
 */
public final class LegacyDiscovery {
  private LegacyDiscovery() {}

  /** The {@code /api} WebService listing the core group's versions. */
  public static WebService apiVersions(List<String> versions, Supplier<String> externalAddress) {
    checkNotNull(externalAddress, "externalAddress");
    List<String> copy = List.copyOf(versions);
    return WebService.builder("/api")
        .documentation("get available API versions")
        .route(
            Route.builder("GET", "")
                .operationId("getAPIVersions")
                .doc("get available API versions")
                .produces(Responses.APPLICATION_JSON)
                .to(
                    r ->
                        Responses.writeObject(
                            r.exchange(),
                            200,
                            APIVersions.of(
                                copy,
                                List.of(
                                    new ServerAddressByClientCIDR(
                                        "0.0.0.0/0", externalAddress.get())))))
                .build())
        .build();
  }

  /**
   * The route answering {@code GET <root>} of a group version's WebService with its resource list.
   * Installers add it to the WebService that also carries the resources' routes.
   */
  public static Route resourceListRoute(Supplier<APIResourceList> resources) {
    checkNotNull(resources, "resources");
    return Route.builder("GET", "")
        .operationId("getAPIResources")
        .doc("get available resources")
        .produces(Responses.APPLICATION_JSON)
        .to(r -> Responses.writeObject(r.exchange(), 200, resources.get()))
        .build();
  }
}
