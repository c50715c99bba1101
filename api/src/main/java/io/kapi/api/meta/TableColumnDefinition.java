package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One column of a {@link Table}: a name, an OpenAPI {@code type} ({@code string}, {@code integer},
 * {@code date}…) and {@code format} ({@code name} marks the name column), and a {@code priority}
 * (columns above 0 show only with {@code -o wide}). Every field is always written.
 */
@JsonPropertyOrder({"name", "type", "format", "description", "priority"})
public record TableColumnDefinition(
    String name, String type, String format, String description, int priority) {

  public TableColumnDefinition {
    name = name == null ? "" : name;
    type = type == null ? "" : type;
    format = format == null ? "" : format;
    description = description == null ? "" : description;
  }

  /** The {@code Name} column every table starts with. */
  public static TableColumnDefinition nameColumn() {
    return new TableColumnDefinition("Name", "string", "name", "The name of the object.", 0);
  }

  /** The {@code Age} column; its cells hold the time since creation ({@code 5m}, {@code 2d}). */
  public static TableColumnDefinition ageColumn() {
    return new TableColumnDefinition(
        "Age", "date", "", "The time since the object was created.", 0);
  }
}
