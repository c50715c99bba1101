package io.kapi.aggregator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What the aggregator knows of one APIService: the group version it routes, its priorities, and
 * whether it is local (served by the delegate chain) — the {@code spec} of an
 * {@code apiregistration.k8s.io/v1} APIService named {@code <version>.<group>}.
 */
record ApiServiceInfo(String group, String version, int groupPriorityMinimum, int versionPriority) {
  ApiServiceInfo {
    checkNotNull(group, "group");
    checkNotNull(version, "version");
    checkArgument(!version.isEmpty(), "version must not be empty");
    checkArgument(!group.isEmpty() || version.equals("v1"),
        "the core group only has version v1, not %s", version);
    checkArgument(groupPriorityMinimum > 0 && groupPriorityMinimum <= 20000,
        "groupPriorityMinimum must be positive and less than 20000: %s", groupPriorityMinimum);
    checkArgument(versionPriority > 0 && versionPriority <= 1000,
        "versionPriority must be positive and less than 1000: %s", versionPriority);
  }

  /** {@code <version>.<group>}, e.g. {@code v1.apps}, or {@code v1.} for the core group. */
  String name() {
    return version + "." + group;
  }

  /** {@code /api} for the core group, {@code /apis/<group>/<version>} otherwise. */
  String proxyPath() {
    return group.isEmpty() ? "/api" : "/apis/" + group + "/" + version;
  }
}
