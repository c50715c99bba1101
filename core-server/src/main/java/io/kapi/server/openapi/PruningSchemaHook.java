package io.kapi.server.openapi;

import io.kapi.api.errors.FieldError;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.schema.ResourceSchema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema hook of a built-in kind: its published schema prunes unknown fields (reported per
 * {@code fieldValidation}, as upstream's strict decoding does), while validation and defaulting stay
 * with the kind's strategy, as in kube-apiserver, where built-in types are checked in Go code and
 * the OpenAPI defaults are documentation only.
 */
final class PruningSchemaHook implements ObjectSchemaHook {
  private final ResourceSchema schema;

  PruningSchemaHook(ResourceSchema schema) {
    this.schema = schema;
  }

  @Override
  public List<String> prune(ObjectNode object) {
    return schema.prune(object);
  }

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return List.of();
  }

  @Override
  public void applyDefaults(ObjectNode object) {}

  @Override
  public String toString() {
    return "PruningSchemaHook{" + schema + "}";
  }
}
