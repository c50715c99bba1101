package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.meta.TableColumnDefinition;
import io.kapi.api.unstructured.Unstructured;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One column of the Table output of a resource ({@code kubectl get}): its definition and how to
 * compute a cell from an object. Cells may be strings, numbers, booleans or null.
 *
 * <pre>{@code
 * TableColumn.of("Color", "string", "The widget's color.", 0, w -> w.getNestedString("spec", "color"))
 * }</pre>
 */
public record TableColumn(
    TableColumnDefinition definition, Function<Unstructured, @Nullable Object> cell) {

  public TableColumn {
    checkNotNull(definition, "definition");
    checkNotNull(cell, "cell");
    checkArgument(!definition.name().isEmpty(), "a table column needs a name");
    checkArgument(definition.priority() >= 0, "priority must not be negative: %s", definition);
  }

  /**
   * A column named {@code name} of OpenAPI {@code type} ({@code string}, {@code integer}, {@code
   * number}, {@code boolean}, {@code date}); priority above 0 shows it only with {@code -o wide}.
   */
  public static TableColumn of(
      String name,
      String type,
      String description,
      int priority,
      Function<Unstructured, @Nullable Object> cell) {
    return new TableColumn(new TableColumnDefinition(name, type, "", description, priority), cell);
  }

  /**
   * A column showing the scalar at {@code path} of the object ({@code "spec", "color"}), null when
   * absent.
   */
  public static TableColumn field(String name, String type, String description, String... path) {
    checkNotNull(path, "path");
    checkArgument(path.length > 0, "path must not be empty");
    String[] copy = path.clone();
    return of(name, type, description, 0, object -> scalar(object.getNested(copy)));
  }

  /** The {@code Age} column of most built-in types: the creation time, which kubectl shows as age. */
  public static TableColumn age() {
    return new TableColumn(
        TableColumnDefinition.ageColumn(),
        object -> {
          Instant created = object.getCreationTimestamp();
          return created == null ? null : created.toString();
        });
  }

  private static @Nullable Object scalar(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isContainer()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    return node.doubleValue();
  }
}
