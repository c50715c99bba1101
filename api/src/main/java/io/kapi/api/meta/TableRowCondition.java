package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A condition of a {@link TableRow}; upstream defines only {@code Completed}, which clients may
 * show with less emphasis.
 */
@JsonPropertyOrder({"type", "status", "reason", "message"})
public record TableRowCondition(
    String type,
    String status,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String reason,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String message) {

  /** The {@code Completed} condition type. */
  public static final String COMPLETED = "Completed";

  public TableRowCondition {
    type = type == null ? "" : type;
    status = status == null ? "" : status;
  }
}
