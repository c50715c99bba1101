package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Splitter;
import com.google.common.collect.Lists;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema of a request or response body in an OpenAPI document: either a component schema by
 * name ({@code io.k8s.api.core.v1.ConfigMap}, written as {@code {"$ref":
 * "#/components/schemas/io.k8s.api.core.v1.ConfigMap"}}) or a primitive type ({@code string}, e.g.
 * a pod's log). Give it to {@link io.kapi.restcontainer.Route.Builder#reads(Object)} for the
 * request body, or inside an {@link OperationDoc} (or alone, meaning {@code 200 OK}) to {@link
 * io.kapi.restcontainer.Route.Builder#writes(Object)}.
 *
 * @param name the component name, or the primitive type when {@code primitive}
 * @param primitive whether {@code name} is an OpenAPI primitive type rather than a component
 */
public record SchemaRef(String name, boolean primitive) {
  /** The prefix of a reference to a component schema. */
  public static final String COMPONENTS_PREFIX = "#/components/schemas/";

  /** {@code meta/v1 Status}: what delete-collection and most deletes answer. */
  public static final SchemaRef STATUS = component("io.k8s.apimachinery.pkg.apis.meta.v1.Status");

  /** {@code meta/v1 WatchEvent}: what watches stream. */
  public static final SchemaRef WATCH_EVENT =
      component("io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent");

  /** {@code meta/v1 DeleteOptions}: the body of deletes. */
  public static final SchemaRef DELETE_OPTIONS =
      component("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions");

  /** {@code meta/v1 Patch}: the body of patches. */
  public static final SchemaRef PATCH = component("io.k8s.apimachinery.pkg.apis.meta.v1.Patch");

  /** {@code meta/v1 APIResourceList}: what a group version's discovery route answers. */
  public static final SchemaRef API_RESOURCE_LIST =
      component("io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList");

  private static final Set<String> PRIMITIVES =
      Set.of("string", "integer", "number", "boolean", "object");

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the name is empty, or a primitive is not one of {@code
   *     string}, {@code integer}, {@code number}, {@code boolean}, {@code object}
   */
  public SchemaRef {
    checkNotNull(name, "name");
    checkArgument(!name.isEmpty(), "schema name must not be empty");
    checkArgument(
        !primitive || PRIMITIVES.contains(name), "%s is not an OpenAPI primitive type", name);
    checkArgument(
        primitive || !name.startsWith("#"),
        "give the component name (%s without the #/components/schemas/ prefix)",
        name);
  }

  /** A reference to the component schema {@code name}, e.g. {@code io.k8s.api.core.v1.Pod}. */
  public static SchemaRef component(String name) {
    return new SchemaRef(name, false);
  }

  /**
   * The component a kind without a published name is documented as, named like a CRD's schema in
   * kube-apiserver: {@code <reversed group>.<version>.<Kind>}, e.g. {@code
   * com.example.wardle.v1alpha1.Flunder} ({@code core} for the core group).
   */
  public static SchemaRef generatedFor(GroupVersionKind gvk) {
    checkNotNull(gvk, "gvk");
    List<String> labels =
        gvk.group().isEmpty()
            ? List.of("core")
            : Lists.reverse(Splitter.on('.').splitToList(gvk.group()));
    return component(String.join(".", labels) + "." + gvk.version() + "." + gvk.kind());
  }

  /** An inline primitive type, e.g. {@code string}. */
  public static SchemaRef primitive(String type) {
    return new SchemaRef(type, true);
  }

  /** The OpenAPI v3 schema object: a {@code $ref} or {@code {"type": ...}}. */
  ObjectNode toSchema() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    if (primitive) {
      schema.put("type", name);
    } else {
      schema.put("$ref", COMPONENTS_PREFIX + escapeJsonPointer(name));
    }
    return schema;
  }

  /** RFC 6901 escaping of one reference token. */
  static String escapeJsonPointer(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** The inverse of {@link #escapeJsonPointer(String)}. */
  static String unescapeJsonPointer(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
