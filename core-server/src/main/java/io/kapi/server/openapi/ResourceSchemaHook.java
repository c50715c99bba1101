package io.kapi.server.openapi;

import io.kapi.api.errors.FieldError;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.schema.ResourceSchema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A kind's schema as its {@link ObjectSchemaHook}. A schema that is the whole truth (a record
 * type, like a CRD's structural schema) prunes, applies defaults and validates; a built-in kind's
 * published schema only prunes (reported per {@code fieldValidation}, as upstream's strict
 * decoding does), while validation and defaulting stay with the kind's strategy, as in
 * kube-apiserver, where built-in types are checked in Go code and the OpenAPI defaults are
 * documentation only.
 */
final class ResourceSchemaHook implements ObjectSchemaHook {
  private final ResourceSchema schema;
  private final boolean pruneOnly;

  private ResourceSchemaHook(ResourceSchema schema, boolean pruneOnly) {
    this.schema = schema;
    this.pruneOnly = pruneOnly;
  }

  /** Prunes, defaults and validates with {@code schema}. */
  static ResourceSchemaHook complete(ResourceSchema schema) {
    return new ResourceSchemaHook(schema, false);
  }

  /** Only prunes with {@code schema} (a built-in kind's published schema). */
  static ResourceSchemaHook pruning(ResourceSchema schema) {
    return new ResourceSchemaHook(schema, true);
  }

  @Override
  public List<String> prune(ObjectNode object) {
    return schema.prune(object);
  }

  @Override
  public List<FieldError> validate(ObjectNode object) {
    return pruneOnly ? List.of() : schema.validate(object);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    if (!pruneOnly) {
      schema.applyDefaults(object);
    }
  }

  @Override
  public String toString() {
    return (pruneOnly ? "PruningSchemaHook{" : "ResourceSchemaHook{") + schema + "}";
  }
}
