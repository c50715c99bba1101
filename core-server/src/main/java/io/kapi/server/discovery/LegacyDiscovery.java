package io.kapi.server.discovery;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.APIGroupList;
import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.discovery.APIVersions;
import io.kapi.api.discovery.ServerAddressByClientCIDR;
import io.kapi.api.discovery.v2.APIResourceDiscovery;
import io.kapi.api.discovery.v2.APISubresourceDiscovery;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.RouteHandler;
import io.kapi.restcontainer.WebService;
import io.kapi.server.responses.Responses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * The handler answering {@code GET /api} with {@link APIVersions} (what {@link #apiVersions}
   * serves), to wrap with {@link AggregatedDiscovery#webService}.
   */
  public static RouteHandler apiVersionsHandler(
      List<String> versions, Supplier<String> externalAddress) {
    checkNotNull(externalAddress, "externalAddress");
    List<String> copy = List.copyOf(versions);
    return r ->
        Responses.writeObject(
            r.exchange(),
            200,
            APIVersions.of(
                copy, List.of(new ServerAddressByClientCIDR("0.0.0.0/0", externalAddress.get()))));
  }

  /**
   * The handler answering {@code GET /apis} with an {@link APIGroupList} (e.g. {@link
   * AggregatedDiscovery#legacyGroupList()}), to wrap with {@link AggregatedDiscovery#webService}.
   */
  public static RouteHandler apiGroupListHandler(Supplier<APIGroupList> groups) {
    checkNotNull(groups, "groups");
    return r -> Responses.writeObject(r.exchange(), 200, groups.get());
  }

  /**
   * The {@code /apis/<group>} WebService answering {@code kind: APIGroup} (operation {@code
   * getAPIGroup}); 404 while {@code document} is empty (the group's last version is gone).
   */
  public static WebService apiGroup(String group, Supplier<Optional<APIGroup>> document) {
    checkNotNull(group, "group");
    checkNotNull(document, "document");
    checkArgument(!group.isEmpty(), "the core group has no /apis/<group> document");
    return WebService.builder("/apis/" + group)
        .documentation("get information of a group")
        .route(
            Route.builder("GET", "")
                .operationId("getAPIGroup")
                .doc("get information of a group")
                .produces(Responses.APPLICATION_JSON)
                .to(
                    r -> {
                      Optional<APIGroup> current = document.get();
                      if (current.isPresent()) {
                        Responses.writeObject(r.exchange(), 200, current.get().asDocument());
                      } else {
                        Responses.writeError(r.exchange(), ApiErrors.pathNotFound());
                      }
                    })
                .build())
        .build();
  }

  /**
   * Upstream's {@code StorageVersionHash}: base64 of the first 8 bytes of the SHA-256 of {@code
   * group/version/kind} of the storage version ({@code "/v1/Pod"} gives {@code xPOwRZ+Yhw8=}).
   */
  public static String storageVersionHash(String group, String version, String kind) {
    checkNotNull(group, "group");
    checkNotNull(version, "version");
    checkNotNull(kind, "kind");
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((group + "/" + version + "/" + kind).getBytes(StandardCharsets.UTF_8));
      byte[] first8 = new byte[8];
      System.arraycopy(digest, 0, first8, 0, 8);
      return Base64.getEncoder().encodeToString(first8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * The resources of a legacy {@link APIResourceList} (with subresources as {@code pods/status}) in
   * aggregated form (upstream's {@code ConvertGroupVersionIntoToDiscovery}): subresources move
   * under their resource, keep their verbs and response kind ({@code group}/{@code version}/{@code
   * kind} of the entry), and a subresource without a listed parent gets a bare parent.
   *
   * @throws IllegalArgumentException if a subresource's scope differs from its parent's
   */
  public static List<APIResourceDiscovery> toAggregated(List<APIResource> resources) {
    checkNotNull(resources, "resources");
    Map<String, APIResourceDiscovery> parents = new LinkedHashMap<>();
    Map<String, List<APISubresourceDiscovery>> subresources = new LinkedHashMap<>();
    for (APIResource r : resources) {
      if (!r.name().contains("/")) {
        parents.put(
            r.name(),
            new APIResourceDiscovery(
                r.name(),
                kindOf(r),
                scope(r),
                r.singularName(),
                r.verbs(),
                r.shortNames(),
                r.categories(),
                List.of()));
      }
    }
    for (APIResource r : resources) {
      int slash = r.name().indexOf('/');
      if (slash < 0) {
        continue;
      }
      String parent = r.name().substring(0, slash);
      APIResourceDiscovery existing = parents.get(parent);
      if (existing == null) {
        existing =
            new APIResourceDiscovery(
                parent,
                GroupVersionKind.of("", "", ""),
                scope(r),
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of());
        parents.put(parent, existing);
      }
      checkArgument(
          existing.scope().equals(scope(r)),
          "parent %s (scope: %s) and subresource %s (scope: %s) scope do not match",
          parent,
          existing.scope(),
          r.name().substring(slash + 1),
          scope(r));
      subresources
          .computeIfAbsent(parent, p -> new ArrayList<>())
          .add(
              new APISubresourceDiscovery(
                  r.name().substring(slash + 1), kindOf(r), List.of(), r.verbs()));
    }
    List<APIResourceDiscovery> result = new ArrayList<>();
    for (APIResourceDiscovery parent : parents.values()) {
      List<APISubresourceDiscovery> subs = subresources.getOrDefault(parent.resource(), List.of());
      result.add(
          subs.isEmpty()
              ? parent
              : new APIResourceDiscovery(
                  parent.resource(),
                  parent.responseKind(),
                  parent.scope(),
                  parent.singularResource(),
                  parent.verbs(),
                  parent.shortNames(),
                  parent.categories(),
                  subs));
    }
    return result;
  }

  private static GroupVersionKind kindOf(APIResource r) {
    return GroupVersionKind.of(
        r.group() == null ? "" : r.group(), r.version() == null ? "" : r.version(), r.kind());
  }

  private static String scope(APIResource r) {
    return r.namespaced()
        ? APIResourceDiscovery.SCOPE_NAMESPACED
        : APIResourceDiscovery.SCOPE_CLUSTER;
  }
}
