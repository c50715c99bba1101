package io.kapi.api.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A kind in a group, regardless of version, written {@code Deployment.apps} (or {@code Pod}). */
@JsonPropertyOrder({"group", "kind"})
public record GroupKind(String group, String kind) {

  public GroupKind {
    checkNotNull(group, "group");
    checkNotNull(kind, "kind");
  }

  /** A kind in a group; {@code group} is empty for the core group. */
  public static GroupKind of(String group, String kind) {
    return new GroupKind(group, kind);
  }

  /**
   * Parses {@code Deployment.apps} (everything after the first dot is the group) or {@code Pod}.
   */
  public static GroupKind parse(String text) {
    checkNotNull(text, "text");
    int dot = text.indexOf('.');
    return dot < 0
        ? new GroupKind("", text)
        : new GroupKind(text.substring(dot + 1), text.substring(0, dot));
  }

  /** This kind in a version. */
  public GroupVersionKind withVersion(String version) {
    return new GroupVersionKind(group, version, kind);
  }

  /** True if group and kind are both empty. */
  @JsonIgnore
  public boolean isEmpty() {
    return group.isEmpty() && kind.isEmpty();
  }

  /** {@code Deployment.apps}, or {@code Pod} for the core group. */
  @Override
  public String toString() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
