package io.kapi.api.discovery.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A subresource ({@code status}, {@code scale}…) of an {@link APIResourceDiscovery}, with the kind
 * it returns (e.g. {@code autoscaling/v1 Scale}), the kinds it accepts, and its verbs. {@code
 * subresource} and {@code verbs} are always written.
 */
@JsonPropertyOrder({"subresource", "responseKind", "acceptedTypes", "verbs"})
public record APISubresourceDiscovery(
    String subresource,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable GroupVersionKind responseKind,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GroupVersionKind> acceptedTypes,
    List<String> verbs) {

  public APISubresourceDiscovery {
    subresource = subresource == null ? "" : subresource;
    acceptedTypes = acceptedTypes == null ? List.of() : List.copyOf(acceptedTypes);
    verbs = verbs == null ? List.of() : List.copyOf(verbs);
  }
}
