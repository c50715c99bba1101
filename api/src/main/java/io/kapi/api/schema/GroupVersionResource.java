package io.kapi.api.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A resource (the plural path segment, e.g. {@code deployments}) in a group version; its {@link
 * #toString()} is upstream's {@code apps/v1, Resource=deployments}.
 */
@JsonPropertyOrder({"group", "version", "resource"})
public record GroupVersionResource(String group, String version, String resource) {

  public GroupVersionResource {
    checkNotNull(group, "group");
    checkNotNull(version, "version");
    checkNotNull(resource, "resource");
  }

  /** A resource in a group version; {@code group} is empty for the core group. */
  public static GroupVersionResource of(String group, String version, String resource) {
    return new GroupVersionResource(group, version, resource);
  }

  /** The group version. */
  public GroupVersion groupVersion() {
    return new GroupVersion(group, version);
  }

  /** The group and resource, without version. */
  public GroupResource groupResource() {
    return new GroupResource(group, resource);
  }

  /** True if group, version and resource are all empty. */
  @JsonIgnore
  public boolean isEmpty() {
    return group.isEmpty() && version.isEmpty() && resource.isEmpty();
  }

  /** Upstream's form: {@code apps/v1, Resource=deployments} ({@code /v1, Resource=pods} for core). */
  @Override
  public String toString() {
    return group + "/" + version + ", Resource=" + resource;
  }
}
