package io.kapi.api.discovery.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One resource in aggregated discovery: plural name, the kind its endpoints return, scope ({@code
 * Namespaced} or {@code Cluster}), singular name, verbs, short names, categories and subresources.
 * {@code resource}, {@code scope}, {@code singularResource} and {@code verbs} are always written.
 */
@JsonPropertyOrder({
  "resource", "responseKind", "scope", "singularResource", "verbs", "shortNames", "categories",
  "subresources"
})
public record APIResourceDiscovery(
    String resource,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable GroupVersionKind responseKind,
    String scope,
    String singularResource,
    List<String> verbs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> shortNames,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> categories,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<APISubresourceDiscovery> subresources) {

  public static final String SCOPE_NAMESPACED = "Namespaced";
  public static final String SCOPE_CLUSTER = "Cluster";

  public APIResourceDiscovery {
    resource = resource == null ? "" : resource;
    scope = scope == null ? "" : scope;
    singularResource = singularResource == null ? "" : singularResource;
    verbs = verbs == null ? List.of() : List.copyOf(verbs);
    shortNames = shortNames == null ? List.of() : List.copyOf(shortNames);
    categories = categories == null ? List.of() : List.copyOf(categories);
    subresources = subresources == null ? List.of() : List.copyOf(subresources);
  }
}
