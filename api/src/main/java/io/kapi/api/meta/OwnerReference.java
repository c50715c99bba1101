package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A reference from an object to an object that owns it (same namespace or cluster-scoped), used
 * by garbage collection. {@code apiVersion}, {@code kind}, {@code name} and {@code uid} are always
 * written.
 */
@JsonPropertyOrder({"apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"})
public record OwnerReference(
    String apiVersion,
    String kind,
    String name,
    String uid,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean controller,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean blockOwnerDeletion) {

  public OwnerReference {
    apiVersion = apiVersion == null ? "" : apiVersion;
    kind = kind == null ? "" : kind;
    name = name == null ? "" : name;
    uid = uid == null ? "" : uid;
  }

  /** A plain (non-controller) reference. */
  public static OwnerReference of(String apiVersion, String kind, String name, String uid) {
    return new OwnerReference(apiVersion, kind, name, uid, null, null);
  }

  /** The reference to the managing controller ({@code controller: true}). */
  public static OwnerReference controller(
      String apiVersion, String kind, String name, String uid, boolean blockOwnerDeletion) {
    return new OwnerReference(apiVersion, kind, name, uid, true, blockOwnerDeletion);
  }
}
