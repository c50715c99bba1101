package io.kapi.server.endpoints;

import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.discovery.GroupVersionForDiscovery;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The legacy discovery documents of an installed group, as upstream's installer builds them: the
 * {@code APIResourceList} of each group version (resources and subresources in path order, verbs
 * sorted, {@code storageVersionHash} of the storage version) and the group's {@code APIGroup}.
 */
final class DiscoveryDocuments {
  static final List<String> RESOURCE_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  private DiscoveryDocuments() {}

  /** The resource list of {@code version} of {@code group}. */
  static APIResourceList resourceList(ApiGroupInfo group, String version) {
    List<APIResource> resources = new ArrayList<>();
    for (ResourceDefinition r : group.resources(version)) {
      resources.add(
          new APIResource(
              r.plural(),
              r.singular(),
              r.namespaced(),
              null,
              null,
              r.kind(),
              RESOURCE_VERBS,
              r.shortNames().isEmpty() ? null : r.shortNames(),
              r.categories().isEmpty() ? null : r.categories(),
              storageVersionHash(group.group(), storageVersion(group, r), r.kind())));
      for (String subresource : r.updateSubresources()) {
        resources.add(
            new APIResource(
                r.plural() + "/" + subresource,
                "",
                r.namespaced(),
                null,
                null,
                r.kind(),
                List.of("update"),
                null,
                null,
                null));
      }
      if (r.hasStatusSubresource()) {
        resources.add(
            new APIResource(
                r.plural() + "/status",
                "",
                r.namespaced(),
                null,
                null,
                r.kind(),
                STATUS_VERBS,
                null,
                null,
                null));
      }
    }
    resources.sort(Comparator.comparing(APIResource::name));
    return APIResourceList.of(group.groupVersion(version).toString(), resources);
  }

  /** The {@code APIGroup} document ({@code GET /apis/<group>}). */
  static APIGroup group(ApiGroupInfo group) {
    List<GroupVersionForDiscovery> versions = new ArrayList<>();
    for (String version : group.versions()) {
      versions.add(GroupVersionForDiscovery.of(group.group(), version));
    }
    return APIGroup.listed(group.group(), versions).asDocument();
  }

  /**
   * The version objects of {@code resource} are stored in: the highest-priority version of the
   * group that serves a resource with the same storage prefix.
   */
  static String storageVersion(ApiGroupInfo group, ResourceDefinition resource) {
    String prefix = resource.storagePrefix(group.group());
    for (String version : group.versions()) {
      for (ResourceDefinition r : group.resources(version)) {
        if (r.storagePrefix(group.group()).equals(prefix)) {
          return version;
        }
      }
    }
    throw new IllegalArgumentException(resource + " is not part of " + group);
  }

  /**
   * upstream's {@code StorageVersionHash}: base64 of the first 8 bytes of the SHA-256 of {@code
   * group/version/kind} ({@code /v1/Pod} for the core group).
   */
  static String storageVersionHash(String group, String version, String kind) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((group + "/" + version + "/" + kind).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
