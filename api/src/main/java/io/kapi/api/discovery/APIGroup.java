package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One API group and its versions, the answer of {@code GET /apis/<group>} and an element of
 * {@link APIGroupList} (where {@code kind}/{@code apiVersion} are left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "kind", "apiVersion", "name", "versions", "preferredVersion", "serverAddressByClientCIDRs"
})
public record APIGroup(
    @Nullable String kind,
    @Nullable String apiVersion,
    String name,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<GroupVersionForDiscovery> versions,
    GroupVersionForDiscovery preferredVersion,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable
        List<ServerAddressByClientCIDR> serverAddressByClientCIDRs) {

  public APIGroup {
    name = name == null ? "" : name;
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  /** An element of a group list (no kind/apiVersion); preferred version = first. */
  public static APIGroup listed(String name, List<GroupVersionForDiscovery> versions) {
    return new APIGroup(null, null, name, versions, versions.get(0), null);
  }

  /** A standalone document ({@code kind: APIGroup, apiVersion: v1}). */
  public APIGroup asDocument() {
    return new APIGroup(
        "APIGroup", "v1", name, versions, preferredVersion, serverAddressByClientCIDRs);
  }
}
