package io.kapi.aggregator;

import io.kapi.api.discovery.KubeVersionComparator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's APIService ordering: by group priority (highest first, then name); groups in the
 * order their best APIService appears; within a group by version priority, then kube-aware
 * version order.
 */
final class ApiServiceOrder {
  private ApiServiceOrder() {}

  /** The services grouped by group, groups and versions in discovery order. */
  static Map<String, List<ApiServiceInfo>> byGroup(Iterable<ApiServiceInfo> services) {
    List<ApiServiceInfo> sorted = new ArrayList<>();
    services.forEach(sorted::add);
    sorted.sort(
        Comparator.comparingInt(ApiServiceInfo::groupPriorityMinimum)
            .reversed()
            .thenComparing(ApiServiceInfo::name));
    Map<String, List<ApiServiceInfo>> groups = new LinkedHashMap<>();
    for (ApiServiceInfo service : sorted) {
      groups.computeIfAbsent(service.group(), g -> new ArrayList<>()).add(service);
    }
    Comparator<ApiServiceInfo> versionOrder =
        Comparator.comparingInt(ApiServiceInfo::versionPriority)
            .reversed()
            .thenComparing(ApiServiceInfo::version, KubeVersionComparator.INSTANCE);
    groups.values().forEach(list -> list.sort(versionOrder));
    return groups;
  }
}
