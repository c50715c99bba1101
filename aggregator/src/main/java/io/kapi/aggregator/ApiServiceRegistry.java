package io.kapi.aggregator;

import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.GroupVersionForDiscovery;
import io.kapi.pathrecorder.PathRecorderMux;
import io.undertow.server.HttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The aggregator's APIServices and the routes they install in its mux, as upstream's
 * {@code AddAPIService}/{@code RemoveAPIService}: {@code <proxyPath>} (listed) and
 * {@code <proxyPath>/} (unlisted prefix) to the proxy handler, plus {@code /apis/<group>} and
 * {@code /apis/<group>/} (exact) to the group handler for the first version of a group.
 */
final class ApiServiceRegistry {
  private final PathRecorderMux mux;
  private final HttpHandler localDelegate;
  private final Map<String, ApiServiceInfo> services = new ConcurrentHashMap<>();

  ApiServiceRegistry(PathRecorderMux mux, HttpHandler localDelegate) {
    this.mux = mux;
    this.localDelegate = localDelegate;
  }

  synchronized void add(ApiServiceInfo service) {
    boolean known = services.containsKey(service.name());
    boolean groupKnown = hasGroup(service.group());
    services.put(service.name(), service);
    if (known) {
      return;
    }
    String proxyPath = service.proxyPath();
    mux.handle(proxyPath, localDelegate);
    mux.unlistedHandlePrefix(proxyPath + "/", localDelegate);
    if (!service.group().isEmpty() && !groupKnown) {
      HttpHandler groupHandler = new ApiGroupHandler(this, service.group(), localDelegate);
      mux.handle("/apis/" + service.group(), groupHandler);
      mux.unlistedHandle("/apis/" + service.group() + "/", groupHandler);
    }
  }

  synchronized boolean remove(String name) {
    ApiServiceInfo service = services.remove(name);
    if (service == null) {
      return false;
    }
    mux.unregister(service.proxyPath());
    mux.unregister(service.proxyPath() + "/");
    if (!service.group().isEmpty() && !hasGroup(service.group())) {
      mux.unregister("/apis/" + service.group());
      mux.unregister("/apis/" + service.group() + "/");
    }
    return true;
  }

  private boolean hasGroup(String group) {
    return services.values().stream().anyMatch(s -> s.group().equals(group));
  }

  /** Every non-core group in discovery order. */
  List<APIGroup> groups() {
    List<APIGroup> groups = new ArrayList<>();
    ApiServiceOrder.byGroup(services.values())
        .forEach(
            (group, versions) -> {
              if (!group.isEmpty()) {
                groups.add(toGroup(group, versions));
              }
            });
    return groups;
  }

  /** The discovery group of {@code group}, or null when no APIService serves it. */
  @Nullable APIGroup group(String group) {
    List<ApiServiceInfo> versions = ApiServiceOrder.byGroup(services.values()).get(group);
    return versions == null ? null : toGroup(group, versions);
  }

  List<ApiServiceInfo> services() {
    return List.copyOf(services.values());
  }

  private static APIGroup toGroup(String group, List<ApiServiceInfo> versions) {
    List<GroupVersionForDiscovery> gvs = new ArrayList<>();
    for (ApiServiceInfo v : versions) {
      gvs.add(GroupVersionForDiscovery.of(group, v.version()));
    }
    return APIGroup.listed(group, gvs);
  }
}
