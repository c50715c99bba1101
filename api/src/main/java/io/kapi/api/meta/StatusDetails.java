package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Extra data of a {@link Status}: which object the failure is about ({@code kind} holds the resource
 * for NotFound/AlreadyExists/Conflict and the Kind for Invalid), its causes, and how long a client
 * should wait before retrying.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "group", "kind", "uid", "causes", "retryAfterSeconds"})
public record StatusDetails(
    @Nullable String name,
    @Nullable String group,
    @Nullable String kind,
    @Nullable String uid,
    @Nullable List<StatusCause> causes,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int retryAfterSeconds) {

  public StatusDetails {
    causes = causes == null ? null : List.copyOf(causes);
  }
}
