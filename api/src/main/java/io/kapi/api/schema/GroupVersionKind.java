package io.kapi.api.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The type of an API object: group, version and kind. Its JSON form is upstream's {@code
 * metav1.GroupVersionKind} ({@code {"group":"apps","version":"v1","kind":"Deployment"}}), used in
 * aggregated discovery; its {@link #toString()} is {@code apps/v1, Kind=Deployment}.
 */
@JsonPropertyOrder({"group", "version", "kind"})
public record GroupVersionKind(String group, String version, String kind) {

  public GroupVersionKind {
    checkNotNull(group, "group");
    checkNotNull(version, "version");
    checkNotNull(kind, "kind");
  }

  /** A kind in a group version; {@code group} is empty for the core group. */
  public static GroupVersionKind of(String group, String version, String kind) {
    return new GroupVersionKind(group, version, kind);
  }

  /**
   * The kind named by an object's {@code apiVersion} and {@code kind} fields. As upstream, an
   * unparseable {@code apiVersion} yields a kind with empty group and version.
   */
  public static GroupVersionKind fromApiVersionAndKind(String apiVersion, String kind) {
    checkNotNull(apiVersion, "apiVersion");
    checkNotNull(kind, "kind");
    try {
      return GroupVersion.parse(apiVersion).withKind(kind);
    } catch (IllegalArgumentException e) {
      return new GroupVersionKind("", "", kind);
    }
  }

  /** The group version. */
  public GroupVersion groupVersion() {
    return new GroupVersion(group, version);
  }

  /** The group and kind, without version. */
  public GroupKind groupKind() {
    return new GroupKind(group, kind);
  }

  /** The value of an object's {@code apiVersion} field: {@code apps/v1} or {@code v1}. */
  @JsonIgnore
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** True if group, version and kind are all empty. */
  @JsonIgnore
  public boolean isEmpty() {
    return group.isEmpty() && version.isEmpty() && kind.isEmpty();
  }

  /** Upstream's form: {@code apps/v1, Kind=Deployment} ({@code /v1, Kind=Pod} for core). */
  @Override
  public String toString() {
    return group + "/" + version + ", Kind=" + kind;
  }
}
