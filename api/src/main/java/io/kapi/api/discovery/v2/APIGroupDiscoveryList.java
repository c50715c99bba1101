package io.kapi.api.discovery.v2;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kapi.api.meta.ListMeta;
import java.util.List;

/**
 * The aggregated discovery document: all groups in priority order (the core group has the empty
 * name and is served at {@code /api}). {@code metadata} and {@code items} are always written.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "items"})
public record APIGroupDiscoveryList(
    String kind, String apiVersion, ListMeta metadata, List<APIGroupDiscovery> items) {

  public static final String KIND = "APIGroupDiscoveryList";
  public static final String API_VERSION = "apidiscovery.k8s.io/v2";

  public APIGroupDiscoveryList {
    kind = kind == null ? KIND : kind;
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    metadata = metadata == null ? ListMeta.empty() : metadata;
    items = items == null ? List.of() : List.copyOf(items);
  }

  /** The {@code apidiscovery.k8s.io/v2} document with empty list metadata. */
  public static APIGroupDiscoveryList of(List<APIGroupDiscovery> items) {
    return new APIGroupDiscoveryList(KIND, API_VERSION, ListMeta.empty(), items);
  }
}
