package io.kapi.server.endpoints;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.ListMeta;
import io.kapi.api.meta.ObjectMeta;
import io.kapi.api.meta.PartialObjectMetadata;
import io.kapi.api.meta.Table;
import io.kapi.api.meta.TableColumnDefinition;
import io.kapi.api.meta.TableRow;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.StoredObject;
import io.kapi.server.registry.TableColumn;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns objects into a {@link Table} for {@code kubectl get}: by default upstream's default table
 * convertor ({@code Name}, {@code Created At}), else {@code Name} plus the resource author's
 * columns; each row carries the object as {@code ?includeObject=None|Metadata|Object} asks
 * (default: its PartialObjectMetadata).
 */
final class TableConverter {
  static final String NAME_DESCRIPTION =
      "Name must be unique within a namespace. Is required when creating resources, although some"
          + " resources may allow a client to request the generation of an appropriate name"
          + " automatically. Name is primarily intended for creation idempotence and configuration"
          + " definition. Cannot be updated. More info:"
          + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  static final String CREATED_AT_DESCRIPTION =
      "CreationTimestamp is a timestamp representing the server time when this object was created."
          + " It is not guaranteed to be set in happens-before order across separate operations."
          + " Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
          + "Populated by the system. Read-only. Null for lists. More info:"
          + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

  /** What each row carries ({@code ?includeObject=}). */
  enum IncludeObject {
    NONE,
    METADATA,
    OBJECT
  }

  private final List<TableColumn> columns;
  private final List<TableColumnDefinition> definitions;

  TableConverter(ResourceDefinition resource) {
    this.columns = resource.tableColumns();
    List<TableColumnDefinition> defs = new ArrayList<>();
    defs.add(new TableColumnDefinition("Name", "string", "name", NAME_DESCRIPTION, 0));
    if (columns.isEmpty()) {
      defs.add(new TableColumnDefinition("Created At", "date", "", CREATED_AT_DESCRIPTION, 0));
    } else {
      columns.forEach(c -> defs.add(c.definition()));
    }
    this.definitions = List.copyOf(defs);
  }

  /**
   * Reads {@code ?includeObject=}.
   *
   * @throws io.kapi.api.errors.ApiException 400 for values other than None, Metadata, Object
   */
  static IncludeObject includeObject(@Nullable String value) {
    if (value == null || value.isEmpty() || value.equals("Metadata")) {
      return IncludeObject.METADATA;
    }
    if (value.equals("None")) {
      return IncludeObject.NONE;
    }
    if (value.equals("Object")) {
      return IncludeObject.OBJECT;
    }
    FieldError error =
        FieldError.notSupported("includeObject", value, List.of("", "Metadata", "None", "Object"));
    throw ApiErrors.badRequest("Unable to convert to Table as requested: " + error);
  }

  /** The table of {@code objects}, with column definitions unless {@code noHeaders}. */
  Table convert(
      List<StoredObject> objects,
      ListMeta metadata,
      boolean noHeaders,
      IncludeObject include,
      String metaApiVersion) {
    List<TableRow> rows = new ArrayList<>(objects.size());
    for (StoredObject stored : objects) {
      Unstructured object = stored.object();
      List<@Nullable Object> cells = new ArrayList<>(definitions.size());
      cells.add(object.getName() == null ? "" : object.getName());
      if (columns.isEmpty()) {
        cells.add(createdAt(object));
      } else {
        for (TableColumn column : columns) {
          cells.add(column.cell().apply(object));
        }
      }
      rows.add(TableRow.of(cells, rowObject(object, include, metaApiVersion)));
    }
    return new Table(
        Table.KIND, metaApiVersion, metadata, noHeaders ? null : definitions, rows);
  }

  /** The {@code PartialObjectMetadata} of {@code object} in {@code metaApiVersion}. */
  static PartialObjectMetadata partial(Unstructured object, String metaApiVersion) {
    ObjectMeta meta = object.getObjectMeta();
    return new PartialObjectMetadata(PartialObjectMetadata.KIND, metaApiVersion, meta);
  }

  private static @Nullable JsonNode rowObject(
      Unstructured object, IncludeObject include, String metaApiVersion) {
    return switch (include) {
      case NONE -> null;
      case METADATA -> ApiCodec.json().toTree(partial(object, metaApiVersion));
      case OBJECT -> object.object();
    };
  }

  private static String createdAt(Unstructured object) {
    Instant created = object.getCreationTimestamp();
    return DateTimeFormatter.ISO_INSTANT.format(created == null ? Instant.parse("0001-01-01T00:00:00Z") : created);
  }
}
