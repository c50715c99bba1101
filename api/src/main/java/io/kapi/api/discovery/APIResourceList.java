package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/v1} or {@code GET /apis/<group>/<version>}: the resources of one
 * group version. The core group's list is written without {@code apiVersion}.
 */
@JsonPropertyOrder({"kind", "apiVersion", "groupVersion", "resources"})
public record APIResourceList(
    String kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String apiVersion,
    String groupVersion,
    List<APIResource> resources) {

  public APIResourceList {
    kind = kind == null ? "APIResourceList" : kind;
    groupVersion = groupVersion == null ? "" : groupVersion;
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  /** The list of a group version; {@code apiVersion} is omitted for the core group ({@code v1}). */
  public static APIResourceList of(String groupVersion, List<APIResource> resources) {
    return new APIResourceList(
        "APIResourceList", groupVersion.contains("/") ? "v1" : null, groupVersion, resources);
  }
}
