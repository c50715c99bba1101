package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api}: the versions of the core group. Upstream writes it without
 * {@code apiVersion}, so {@link #of} leaves it out.
 */
@JsonPropertyOrder({"kind", "apiVersion", "versions", "serverAddressByClientCIDRs"})
public record APIVersions(
    String kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String apiVersion,
    List<String> versions,
    List<ServerAddressByClientCIDR> serverAddressByClientCIDRs) {

  public APIVersions {
    versions = versions == null ? List.of() : List.copyOf(versions);
    serverAddressByClientCIDRs =
        serverAddressByClientCIDRs == null ? List.of() : List.copyOf(serverAddressByClientCIDRs);
  }

  public static APIVersions of(List<String> versions, List<ServerAddressByClientCIDR> addresses) {
    return new APIVersions("APIVersions", null, versions, addresses);
  }
}
