package io.kapi.api.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A resource in a group, regardless of version, written {@code deployments.apps} (or {@code pods}
 * for the core group) — the form upstream uses in error messages such as {@code deployments.apps
 * "web" not found}.
 */
@JsonPropertyOrder({"group", "resource"})
public record GroupResource(String group, String resource) {

  public GroupResource {
    checkNotNull(group, "group");
    checkNotNull(resource, "resource");
  }

  /** A resource in a group; {@code group} is empty for the core group. */
  public static GroupResource of(String group, String resource) {
    return new GroupResource(group, resource);
  }

  /**
   * Parses {@code deployments.apps} (everything after the first dot is the group) or {@code pods}.
   */
  public static GroupResource parse(String text) {
    checkNotNull(text, "text");
    int dot = text.indexOf('.');
    return dot < 0
        ? new GroupResource("", text)
        : new GroupResource(text.substring(dot + 1), text.substring(0, dot));
  }

  /** This resource in a version. */
  public GroupVersionResource withVersion(String version) {
    return new GroupVersionResource(group, version, resource);
  }

  /** True if group and resource are both empty. */
  @JsonIgnore
  public boolean isEmpty() {
    return group.isEmpty() && resource.isEmpty();
  }

  /** {@code deployments.apps}, or {@code pods} for the core group. */
  @Override
  public String toString() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
