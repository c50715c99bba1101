package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.schema.RecordSchemas;
import io.kapi.server.schema.ResourceSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link KindSchemas#records}: kinds described by record types. */
final class RecordKindSchemas implements KindSchemas {
  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private final Map<GroupVersionKind, String> names = new LinkedHashMap<>();
  private final Map<GroupVersionKind, ObjectSchemaHook> hooks = new LinkedHashMap<>();
  private final Map<String, JsonNode> components = new LinkedHashMap<>();

  RecordKindSchemas(Map<GroupVersionKind, Class<? extends Record>> kinds) {
    kinds.forEach(
        (gvk, type) -> {
          checkNotNull(gvk, "kind");
          checkNotNull(type, "type of %s", gvk);
          checkArgument(type.isRecord(), "%s of %s is not a record", type.getName(), gvk);
          String name = SchemaRef.generatedFor(gvk).name();
          ObjectNode schema = SchemaJson.of(RecordSchemas.schemaOf(type));
          ObjectNode properties = schema.withObject("properties");
          properties
              .putObject("metadata")
              .put("description", "Standard object's metadata.")
              .put("$ref", SchemaRef.COMPONENTS_PREFIX + OBJECT_META);
          names.put(gvk, name);
          hooks.put(gvk, ResourceSchemaHook.complete(ResourceSchema.fromRecord(type)));
          components.put(name, schema);
        });
  }

  @Override
  public Optional<String> componentName(GroupVersionKind gvk) {
    return Optional.ofNullable(names.get(gvk));
  }

  @Override
  public Map<String, JsonNode> components() {
    return Collections.unmodifiableMap(components);
  }

  @Override
  public Optional<ObjectSchemaHook> schemaHook(GroupVersionKind gvk) {
    return Optional.ofNullable(hooks.get(gvk));
  }

  @Override
  public String toString() {
    return "KindSchemas.records(" + names.keySet() + ")";
  }
}
