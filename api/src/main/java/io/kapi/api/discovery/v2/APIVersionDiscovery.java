package io.kapi.api.discovery.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The resources of one version of a group, and whether the document is {@code Current} or {@code
 * Stale} (an aggregated server could not be reached; clients treat stale versions as failures).
 */
@JsonPropertyOrder({"version", "resources", "freshness"})
public record APIVersionDiscovery(
    String version,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<APIResourceDiscovery> resources,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String freshness) {

  public static final String FRESHNESS_CURRENT = "Current";
  public static final String FRESHNESS_STALE = "Stale";

  public APIVersionDiscovery {
    version = version == null ? "" : version;
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  /** A current version. */
  public static APIVersionDiscovery current(String version, List<APIResourceDiscovery> resources) {
    return new APIVersionDiscovery(version, resources, FRESHNESS_CURRENT);
  }
}
