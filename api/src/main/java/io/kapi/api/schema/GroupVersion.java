package io.kapi.api.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An API group and version, written {@code apps/v1}, or just {@code v1} for the core (empty)
 * group — the value of an object's {@code apiVersion}.
 */
@JsonPropertyOrder({"group", "version"})
public record GroupVersion(String group, String version) {

  public GroupVersion {
    checkNotNull(group, "group");
    checkNotNull(version, "version");
  }

  /** {@code group}/{@code version}; {@code group} is empty for the core group. */
  public static GroupVersion of(String group, String version) {
    return new GroupVersion(group, version);
  }

  /**
   * Parses an {@code apiVersion}: {@code "apps/v1"}, {@code "v1"} (core group), and {@code ""} or
   * {@code "/"} (empty), as upstream's {@code schema.ParseGroupVersion}.
   *
   * @throws IllegalArgumentException if there is more than one {@code /}
   */
  public static GroupVersion parse(String apiVersion) {
    checkNotNull(apiVersion, "apiVersion");
    if (apiVersion.isEmpty() || apiVersion.equals("/")) {
      return new GroupVersion("", "");
    }
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return new GroupVersion("", apiVersion);
    }
    if (apiVersion.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("unexpected GroupVersion string: " + apiVersion);
    }
    return new GroupVersion(apiVersion.substring(0, slash), apiVersion.substring(slash + 1));
  }

  /** True if both group and version are empty. */
  @JsonIgnore
  public boolean isEmpty() {
    return group.isEmpty() && version.isEmpty();
  }

  /** This group version with a kind. */
  public GroupVersionKind withKind(String kind) {
    return new GroupVersionKind(group, version, kind);
  }

  /** This group version with a resource. */
  public GroupVersionResource withResource(String resource) {
    return new GroupVersionResource(group, version, resource);
  }

  /** The {@code apiVersion} form: {@code apps/v1}, or {@code v1} for the core group. */
  @Override
  public String toString() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
