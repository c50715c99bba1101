package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tabular form of a list or object that {@code kubectl get} asks for ({@code Accept:
 * application/json;as=Table;v=v1;g=meta.k8s.io}): column definitions and one row per object.
 * {@code columnDefinitions} is null (written {@code null}) in watch events after the first, which
 * upstream encodes without headers; {@code rows} is always written.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "columnDefinitions", "rows"})
public record Table(
    String kind,
    String apiVersion,
    ListMeta metadata,
    @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable List<TableColumnDefinition> columnDefinitions,
    List<TableRow> rows) {

  /** {@code kind} of a table. */
  public static final String KIND = "Table";

  /** {@code apiVersion} of a table. */
  public static final String API_VERSION = "meta.k8s.io/v1";

  public Table {
    kind = kind == null ? KIND : kind;
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    metadata = metadata == null ? ListMeta.empty() : metadata;
    columnDefinitions = columnDefinitions == null ? null : List.copyOf(columnDefinitions);
    rows = MetaCollections.list(rows);
  }

  /** A {@code meta.k8s.io/v1} table. */
  public static Table of(
      ListMeta metadata, List<TableColumnDefinition> columnDefinitions, List<TableRow> rows) {
    return new Table(KIND, API_VERSION, metadata, columnDefinitions, rows);
  }

  /** A copy without column definitions, as watch events after the first are sent. */
  public Table withoutHeaders() {
    return new Table(kind, apiVersion, metadata, null, rows);
  }
}
