package io.kapi.api.discovery.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kapi.api.meta.ObjectMeta;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One group in aggregated discovery: {@code metadata.name} is the group (empty for core), versions
 * in descending preference (the first is preferred). {@code metadata} is always written.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "versions"})
public record APIGroupDiscovery(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String kind,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String apiVersion,
    ObjectMeta metadata,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<APIVersionDiscovery> versions) {

  public APIGroupDiscovery {
    metadata = metadata == null ? ObjectMeta.empty() : metadata;
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  /** An item of {@link APIGroupDiscoveryList} for {@code group} (empty for core). */
  public static APIGroupDiscovery of(String group, List<APIVersionDiscovery> versions) {
    ObjectMeta meta = group.isEmpty() ? ObjectMeta.empty() : ObjectMeta.builder().name(group).build();
    return new APIGroupDiscovery(null, null, meta, versions);
  }

  /** The group name; empty for the core group. */
  public String group() {
    String name = metadata.name();
    return name == null ? "" : name;
  }
}
