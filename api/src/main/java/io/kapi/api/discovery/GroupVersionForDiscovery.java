package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One version of a group as listed in discovery: {@code {"groupVersion":"apps/v1","version":"v1"}}. */
@JsonPropertyOrder({"groupVersion", "version"})
public record GroupVersionForDiscovery(String groupVersion, String version) {

  public GroupVersionForDiscovery {
    groupVersion = groupVersion == null ? "" : groupVersion;
    version = version == null ? "" : version;
  }

  public static GroupVersionForDiscovery of(String group, String version) {
    return new GroupVersionForDiscovery(group.isEmpty() ? version : group + "/" + version, version);
  }
}
