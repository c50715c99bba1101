package io.kapi.server.openapi;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.schema.ResourceSchema;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@link KindSchemas} of the kinds an {@link OpenApiDocument} describes. */
final class PublishedKindSchemas implements KindSchemas {
  private final OpenApiDocument document;
  private final Supplier<Map<String, JsonNode>> components;

  PublishedKindSchemas(OpenApiDocument document) {
    this.document = document;
    this.components =
        Suppliers.memoize(() -> Collections.unmodifiableMap(document.componentsJson()));
  }

  @Override
  public Optional<String> componentName(GroupVersionKind gvk) {
    return Optional.ofNullable(document.kinds().get(gvk));
  }

  @Override
  public Map<String, JsonNode> components() {
    return components.get();
  }

  @Override
  public Optional<ObjectSchemaHook> schemaHook(GroupVersionKind gvk) {
    return document.schemaFor(gvk).map(s -> ResourceSchemaHook.pruning(ResourceSchema.of(s)));
  }

  @Override
  public String toString() {
    return "KindSchemas.published(" + document.kinds().size() + " kinds)";
  }
}
