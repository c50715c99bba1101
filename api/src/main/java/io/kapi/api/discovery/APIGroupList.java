package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The answer of {@code GET /apis}: every group the server chain serves. */
@JsonPropertyOrder({"kind", "apiVersion", "groups"})
public record APIGroupList(String kind, String apiVersion, List<APIGroup> groups) {
  public APIGroupList {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public static APIGroupList of(List<APIGroup> groups) {
    return new APIGroupList("APIGroupList", "v1", groups);
  }
}
