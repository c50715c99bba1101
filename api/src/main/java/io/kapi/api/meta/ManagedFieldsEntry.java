package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kapi.api.internal.Rfc3339;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which fields one manager (a client, via {@code fieldManager}) owns after an {@code Apply} or
 * {@code Update}; {@code fieldsV1} is kept as the JSON tree upstream writes ({@code
 * {"f:metadata":{"f:labels":{...}}}}). Every field is omitted when empty. The record keeps
 * its own copy of the tree; treat {@link #fieldsV1()} as read-only.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1", "subresource"
})
public record ManagedFieldsEntry(
    @Nullable String manager,
    @Nullable String operation,
    @Nullable String apiVersion,
    @Nullable Instant time,
    @Nullable String fieldsType,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JsonNode fieldsV1,
    @Nullable String subresource) {

  /** {@code operation} of a server-side apply. */
  public static final String OPERATION_APPLY = "Apply";

  /** {@code operation} of any other write. */
  public static final String OPERATION_UPDATE = "Update";

  /** The only {@code fieldsType} upstream defines. */
  public static final String FIELDS_V1 = "FieldsV1";

  public ManagedFieldsEntry {
    time = time == null ? null : Rfc3339.truncate(time);
    fieldsV1 = fieldsV1 == null || fieldsV1.isNull() ? null : fieldsV1.deepCopy();
  }

  /** The fields a manager owns, with {@code fieldsType: FieldsV1}. */
  public static ManagedFieldsEntry of(
      String manager,
      String operation,
      String apiVersion,
      Instant time,
      JsonNode fieldsV1,
      @Nullable String subresource) {
    return new ManagedFieldsEntry(
        manager, operation, apiVersion, time, FIELDS_V1, fieldsV1, subresource);
  }
}
