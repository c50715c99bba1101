package io.kapi.server.endpoints;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.Store;
import java.util.List;
import java.util.Map;

/**
 * A group installed by {@link ApiInstaller}: its stores, for in-process access (controllers,
 * tests), and {@link #close()} to stop their watch caches when the server shuts down.
 */
public final class InstalledApiGroup implements AutoCloseable {
  private final ApiGroupInfo group;
  private final Map<String, Store> stores;

  InstalledApiGroup(ApiGroupInfo group, Map<String, Store> stores) {
    this.group = group;
    this.stores = Map.copyOf(stores);
  }

  public ApiGroupInfo group() {
    return group;
  }

  /**
   * The store of {@code plural} in {@code version}.
   *
   * @throws IllegalArgumentException if the group serves no such resource
   */
  public Store store(String version, String plural) {
    checkNotNull(version, "version");
    checkNotNull(plural, "plural");
    Store store = stores.get(version + "/" + plural);
    checkArgument(store != null, "%s serves no %s in version %s", group, plural, version);
    return store;
  }

  /**
   * The legacy discovery document of {@code version} ({@code GET /api/v1} or {@code GET
   * /apis/<group>/<version>}), e.g. to feed aggregated discovery.
   */
  public APIResourceList resourceList(String version) {
    return DiscoveryDocuments.resourceList(group, version);
  }

  /** The {@code APIGroup} document of the group ({@code GET /apis/<group>}). */
  public APIGroup apiGroup() {
    return DiscoveryDocuments.group(group);
  }

  /** Every store of the group. */
  public List<Store> stores() {
    return List.copyOf(stores.values());
  }

  /** Closes every store (their watch caches end; open watches end). */
  @Override
  public void close() {
    stores.values().forEach(Store::close);
  }
}
