package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One row of a {@link Table}: one cell per column (strings, numbers, booleans, maps, lists or
 * null), optional conditions, and the object it shows — by default its {@link
 * PartialObjectMetadata}, with {@code ?includeObject=None} null (written {@code "object":null},
 * as upstream's empty RawExtension). {@code cells} is always written.
 */
@JsonPropertyOrder({"cells", "conditions", "object"})
public record TableRow(
    List<@Nullable Object> cells,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TableRowCondition> conditions,
    @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable JsonNode object) {

  public TableRow {
    cells = MetaCollections.nullableList(cells);
    conditions = MetaCollections.list(conditions);
    object = object == null || object.isNull() ? null : object;
  }

  /** A row without conditions. */
  public static TableRow of(List<?> cells, @Nullable JsonNode object) {
    return new TableRow(MetaCollections.nullableList(cells), List.of(), object);
  }
}
