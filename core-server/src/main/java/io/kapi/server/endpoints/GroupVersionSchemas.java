package io.kapi.server.endpoints;

import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.openapi.KindSchemas;
import io.kapi.server.openapi.OpenApiDocumentBuilder;
import io.kapi.server.openapi.SchemaRef;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The component schemas of the kinds one group version serves, for its OpenAPI document: the
 * {@link KindSchemas} component where the source knows the kind, otherwise a generic object schema
 * ({@code apiVersion}, {@code kind}, {@code metadata}, anything else kept) named like a CRD's,
 * {@code <reversed group>.<version>.<Kind>}, and for the list kind an {@code items} array of it.
 */
final class GroupVersionSchemas {
  private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  private static final String LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

  private final KindSchemas source;
  private final Map<String, ObjectNode> generated = new LinkedHashMap<>();
  private final Map<String, GroupVersionKind> kinds = new LinkedHashMap<>();

  GroupVersionSchemas(KindSchemas source) {
    this.source = source;
  }

  /** The schema of {@code gvk}, the object kind of a resource. */
  SchemaRef object(GroupVersionKind gvk) {
    String name = source.componentName(gvk).orElse(null);
    if (name == null) {
      name = SchemaRef.generatedFor(gvk).name();
      generated.computeIfAbsent(name, n -> objectSchema(gvk));
    }
    kinds.put(name, gvk);
    return SchemaRef.component(name);
  }

  /** The schema of {@code listGvk}, the list kind of a resource whose objects are {@code item}. */
  SchemaRef list(GroupVersionKind listGvk, SchemaRef item) {
    String name = source.componentName(listGvk).orElse(null);
    if (name == null) {
      name = SchemaRef.generatedFor(listGvk).name();
      generated.computeIfAbsent(name, n -> listSchema(listGvk, item));
    }
    kinds.put(name, listGvk);
    return SchemaRef.component(name);
  }

  /** Adds the kinds' schemas (and, as references, the source's components) to {@code builder}. */
  void addTo(OpenApiDocumentBuilder builder) {
    builder.referenceSchemas(source.components());
    builder.schemas(generated);
    kinds.forEach(builder::groupVersionKind);
  }

  private static ObjectNode objectSchema(GroupVersionKind gvk) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("description", gvk.kind() + " of " + groupVersion(gvk) + ".");
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    typeMeta(properties);
    properties
        .putObject("metadata")
        .put("description", "Standard object's metadata.")
        .put("$ref", SchemaRef.COMPONENTS_PREFIX + OBJECT_META);
    schema.put("x-kubernetes-preserve-unknown-fields", true);
    return schema;
  }

  private static ObjectNode listSchema(GroupVersionKind gvk, SchemaRef item) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("description", gvk.kind() + " is a list of objects of " + groupVersion(gvk) + ".");
    schema.put("type", "object");
    schema.putArray("required").add("items");
    ObjectNode properties = schema.putObject("properties");
    typeMeta(properties);
    ObjectNode items = properties.putObject("items");
    items.put("description", "List of objects.").put("type", "array");
    items.putObject("items").put("$ref", SchemaRef.COMPONENTS_PREFIX + item.name());
    properties
        .putObject("metadata")
        .put("description", "Standard list metadata.")
        .put("$ref", SchemaRef.COMPONENTS_PREFIX + LIST_META);
    return schema;
  }

  private static void typeMeta(ObjectNode properties) {
    properties
        .putObject("apiVersion")
        .put("description", "The versioned schema of this representation of an object.")
        .put("type", "string");
    properties
        .putObject("kind")
        .put("description", "The REST resource this object represents.")
        .put("type", "string");
  }

  private static String groupVersion(GroupVersionKind gvk) {
    return gvk.group().isEmpty() ? gvk.version() : gvk.group() + "/" + gvk.version();
  }
}
