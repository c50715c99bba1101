package io.kapi.server.openapi;

import io.kapi.api.errors.FieldError;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.schema.ResourceSchema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema hook of a kind whose schema is the whole truth (a record type, like a CRD's
 * structural schema): it prunes, applies defaults and validates.
 */
final class ResourceSchemaHook implements ObjectSchemaHook {
  private final ResourceSchema schema;

  ResourceSchemaHook(ResourceSchema schema) {
    this.schema = schema;
  }

  @Override
  public List<String> prune(ObjectNode object) {
    return schema.prune(object);
  }

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return schema.validate(object);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    schema.applyDefaults(object);
  }

  @Override
  public String toString() {
    return "ResourceSchemaHook{" + schema + "}";
  }
}
