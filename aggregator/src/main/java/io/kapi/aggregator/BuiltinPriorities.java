package io.kapi.aggregator;

import java.util.Map;

/**
 * Group and version priorities of the APIServices auto-registered for built-in groups, from
 * kube-apiserver's table; groups not in the table get {@link #DEFAULT}.
 */
final class BuiltinPriorities {
  /** {groupPriorityMinimum, versionPriority} for groups an SDK user adds. */
  static final int[] DEFAULT = {1000, 15};

  private static final Map<String, int[]> BY_GROUP_VERSION =
      Map.ofEntries(
          Map.entry("/v1", new int[] {18000, 1}),
          Map.entry("apps/v1", new int[] {17800, 15}),
          Map.entry("events.k8s.io/v1", new int[] {17750, 15}),
          Map.entry("authentication.k8s.io/v1", new int[] {17700, 15}),
          Map.entry("authorization.k8s.io/v1", new int[] {17600, 15}),
          Map.entry("autoscaling/v2", new int[] {17500, 30}),
          Map.entry("autoscaling/v1", new int[] {17500, 15}),
          Map.entry("batch/v1", new int[] {17400, 15}),
          Map.entry("certificates.k8s.io/v1", new int[] {17300, 15}),
          Map.entry("networking.k8s.io/v1", new int[] {17200, 15}),
          Map.entry("policy/v1", new int[] {17100, 15}),
          Map.entry("rbac.authorization.k8s.io/v1", new int[] {17000, 15}),
          Map.entry("storage.k8s.io/v1", new int[] {16800, 15}),
          Map.entry("apiextensions.k8s.io/v1", new int[] {16700, 15}),
          Map.entry("coordination.k8s.io/v1", new int[] {16500, 15}),
          Map.entry("discovery.k8s.io/v1", new int[] {16200, 15}),
          Map.entry("node.k8s.io/v1", new int[] {16300, 15}),
          Map.entry("scheduling.k8s.io/v1", new int[] {16600, 15}),
          Map.entry("flowcontrol.apiserver.k8s.io/v1", new int[] {16100, 21}),
          Map.entry("admissionregistration.k8s.io/v1", new int[] {16700, 15}));

  private BuiltinPriorities() {}

  static int[] of(String group, String version) {
    return BY_GROUP_VERSION.getOrDefault(group + "/" + version, DEFAULT);
  }
}
