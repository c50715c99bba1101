package io.kapi.server.openapi;

import io.kapi.api.internal.JsonTrees;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.kapi.api.schema.GroupVersionKind;
import io.kapi.restcontainer.Parameter;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the OpenAPI 3.0 document of one group version (what kube-apiserver serves at {@code
 * /openapi/v3/api/v1} or {@code /openapi/v3/apis/<group>/<version>}) from the WebService(s) of that
 * group version and component schemas, the way upstream's {@code builder3} does.
 *
 * <pre>{@code
 * ObjectNode coreV1 = OpenApiDocumentBuilder.builder()
 *     .webService(coreV1WebService)
 *     .schemas(Map.of("io.k8s.api.core.v1.ConfigMap", configMapSchema,
 *                     "io.k8s.api.core.v1.ConfigMapList", configMapListSchema))
 *     .build();
 * openApiV3.put("api/v1", coreV1);
 * }</pre>
 *
 * <p>From each {@link Route}: the path is the web service root plus the route template ({@code ""}
 * becomes {@code <root>/}, {@code {path:*}} becomes {@code {path}}); the operation id is upstream's
 * (a route named {@code readNamespacedConfigMap} under {@code /api/v1} becomes {@code
 * readCoreV1NamespacedConfigMap}, tag {@code core_v1}; a name that already carries the infix is
 * kept); parameters that every operation of a path documents move to the path; {@link
 * Route#readType()} may be a {@link SchemaRef} (the request body, one entry per consumed media
 * type, {@code *}{@code /*} if none; required unless a body {@link Parameter} says otherwise);
 * {@link Route#writeType()} may be an {@link OperationDoc} (responses, {@code x-kubernetes-action},
 * {@code x-kubernetes-group-version-kind}) or a bare {@link SchemaRef} (a {@code 200 OK} response);
 * any other read or write type is ignored, so WebServices without types give paths only. Every
 * operation also documents {@code 401 Unauthorized}.
 *
 * <p>Components: the schemas given to {@link #schemas(Map)} or named in {@link
 * #groupVersionKind(String, GroupVersionKind)}, plus every schema they or the routes refer to
 * ({@code "$ref": "#/components/schemas/<name>"}), looked up in {@link #schemas(Map)}, then {@link
 * #referenceSchemas(Map)}, then the built-in {@link #apimachinerySchemas()}. A {@code $ref} with
 * sibling keywords is wrapped in {@code allOf}, as upstream does. Not thread-safe; the built
 * document is a new tree the caller owns.
 */
public final class OpenApiDocumentBuilder {
  /** Upstream's order of an operation's parameters: by name, then by where they go. */
  static final Comparator<ObjectNode> BY_NAME_THEN_IN =
      Comparator.<ObjectNode, String>comparing(
              p -> p.path("name").asString(), JsonTrees.GO_STRING_ORDER)
          .thenComparing(p -> p.path("in").asString(), JsonTrees.GO_STRING_ORDER);
  private static final List<String> METHODS =
      List.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH");

  private final List<WebService> webServices = new ArrayList<>();
  private final Map<String, JsonNode> schemas = new LinkedHashMap<>();
  private final Map<String, JsonNode> referenceSchemas = new LinkedHashMap<>();
  private final Map<String, Set<GroupVersionKind>> kinds = new LinkedHashMap<>();
  private String title = "Kubernetes";
  private String version = "unversioned";

  private OpenApiDocumentBuilder() {}

  /** Starts an empty document titled {@code Kubernetes}, version {@code unversioned}. */
  public static OpenApiDocumentBuilder builder() {
    return new OpenApiDocumentBuilder();
  }

  /**
   * The built-in component schemas of {@code k8s.io/apimachinery} types (ObjectMeta, ListMeta,
   * Status, DeleteOptions, WatchEvent, Patch, Time, Quantity, IntOrString, APIResourceList,
   * APIGroup, APIGroupList, APIVersions, version.Info…), as copies the caller may change.
   */
  public static Map<String, JsonNode> apimachinerySchemas() {
    Map<String, JsonNode> copies = new LinkedHashMap<>();
    ApimachinerySchemas.shared().forEach((name, schema) -> copies.put(name, schema.deepCopy()));
    return copies;
  }

  /** Sets the document's {@code info.title} and {@code info.version}. */
  public OpenApiDocumentBuilder info(String title, String version) {
    this.title = checkNotNull(title, "title");
    this.version = checkNotNull(version, "version");
    return this;
  }

  /** Adds the routes of {@code webService}. */
  public OpenApiDocumentBuilder webService(WebService webService) {
    webServices.add(checkNotNull(webService, "webService"));
    return this;
  }

  /**
   * Adds component schemas that belong in the document whether or not a route refers to them (the
   * group version's kinds, with {@code x-kubernetes-group-version-kind}), by component name.
   *
   * @throws IllegalArgumentException if a name was already added with a different schema
   */
  public OpenApiDocumentBuilder schemas(Map<String, ? extends JsonNode> schemas) {
    checkNotNull(schemas, "schemas");
    schemas.forEach((name, schema) -> add(this.schemas, name, schema));
    return this;
  }

  /**
   * Adds component schemas that go into the document only when something in it refers to them (for
   * example every schema of a scheme, shared by all group versions).
   *
   * @throws IllegalArgumentException if a name was already added with a different schema
   */
  public OpenApiDocumentBuilder referenceSchemas(Map<String, ? extends JsonNode> schemas) {
    checkNotNull(schemas, "schemas");
    schemas.forEach((name, schema) -> add(referenceSchemas, name, schema));
    return this;
  }

  /**
   * Marks the component schema {@code schemaName} as the schema of {@code kind}: the document then
   * includes it (looked up like any referred schema) with {@code kind} in its {@code
   * x-kubernetes-group-version-kind} list, which is how {@code kubectl explain} finds a kind's
   * schema. Kinds already listed in the schema are kept; the list is sorted by group, version and
   * kind, as upstream does.
   */
  public OpenApiDocumentBuilder groupVersionKind(String schemaName, GroupVersionKind kind) {
    checkNotNull(schemaName, "schemaName");
    checkNotNull(kind, "kind");
    kinds.computeIfAbsent(schemaName, n -> new LinkedHashSet<>()).add(kind);
    return this;
  }

  private static void add(Map<String, JsonNode> target, String name, JsonNode schema) {
    checkNotNull(name, "schema name");
    checkNotNull(schema, "schema %s", name);
    checkArgument(schema.isObject(), "schema %s is not a JSON object", name);
    JsonNode previous = target.putIfAbsent(name, schema);
    checkArgument(
        previous == null || previous.equals(schema), "schema %s added twice, differently", name);
  }

  /**
   * Builds the document.
   *
   * @throws IllegalStateException if two routes produce the same path, or a schema that is referred
   *     to is known nowhere
   * @throws IllegalArgumentException if a parameter's data type is not an OpenAPI primitive
   */
  public ObjectNode build() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode document = nodes.objectNode();
    document.put("openapi", "3.0.0");
    document.putObject("info").put("title", title).put("version", version);
    ObjectNode paths = document.putObject("paths");
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String name : schemas.keySet()) {
      wanted.put(name, "the document's schemas");
    }
    for (String name : kinds.keySet()) {
      wanted.putIfAbsent(name, "groupVersionKind(" + name + ", ...)");
    }
    for (WebService ws : webServices) {
      Map<String, List<Route>> byPath = new LinkedHashMap<>();
      for (Route route : ws.routes()) {
        if (METHODS.contains(route.method().toUpperCase(Locale.ROOT))) {
          byPath
              .computeIfAbsent(path(ws.rootPath(), route.pathTemplate()), p -> new ArrayList<>())
              .add(route);
        }
      }
      for (Map.Entry<String, List<Route>> e : byPath.entrySet()) {
        String path = e.getKey();
        checkState(!paths.has(path), "two web services have routes for path %s", path);
        paths.set(path, pathItem(path, e.getValue(), wanted));
      }
    }
    ObjectNode components = document.putObject("components");
    components.set("schemas", components(wanted));
    components
        .putObject("securitySchemes")
        .putObject("BearerToken")
        .put("description", "Bearer Token authentication")
        .put("in", "header")
        .put("name", "authorization")
        .put("type", "apiKey");
    return document;
  }

  /** The OpenAPI path of a route: root plus template, {@code <root>/} for the root itself. */
  static String path(String rootPath, String template) {
    String relative = template.isEmpty() ? "/" : template;
    String full = rootPath.equals("/") ? relative : rootPath + relative;
    // go-restful's {name:*} tail is not OpenAPI
    return full.replaceAll("\\{([^}:]+):\\*}", "{$1}");
  }

  private ObjectNode pathItem(String path, List<Route> routes, Map<String, String> wanted) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    List<Parameter> common = commonParameters(routes);
    List<ObjectNode> pathParameters = new ArrayList<>();
    for (Parameter parameter : common) {
      pathParameters.add(parameter(parameter, routes.get(0)));
    }
    putSorted(item, pathParameters);
    for (Route route : routes) {
      item.set(route.method().toLowerCase(Locale.ROOT), operation(path, route, common, wanted));
    }
    return item;
  }

  /** Non-body parameters (by name and kind) that every route of a path documents. */
  private static List<Parameter> commonParameters(List<Route> routes) {
    List<Parameter> common = new ArrayList<>();
    for (Parameter candidate : routes.get(0).parameters()) {
      if (candidate.kind() == Parameter.Kind.BODY) {
        continue;
      }
      boolean everywhere = true;
      for (Route route : routes) {
        everywhere &= find(route, candidate) != null;
      }
      if (everywhere) {
        common.add(candidate);
      }
    }
    return common;
  }

  private static @Nullable Parameter find(Route route, Parameter like) {
    for (Parameter p : route.parameters()) {
      if (p.name().equals(like.name()) && p.kind() == like.kind()) {
        return p;
      }
    }
    return null;
  }

  private static void putSorted(ObjectNode target, List<ObjectNode> parameters) {
    if (parameters.isEmpty()) {
      return;
    }
    parameters.sort(BY_NAME_THEN_IN);
    ArrayNode array = target.putArray("parameters");
    parameters.forEach(array::add);
  }

  private ObjectNode operation(
      String path, Route route, List<Parameter> common, Map<String, String> wanted) {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    String where = route.method() + " " + path;
    if (!route.documentation().isEmpty()) {
      op.put("description", route.documentation());
    }
    OperationIds.IdAndTags idAndTags = OperationIds.of(route.operationId(), path);
    if (!idAndTags.operationId().isEmpty()) {
      op.put("operationId", idAndTags.operationId());
    }
    if (!idAndTags.tags().isEmpty()) {
      ArrayNode tags = op.putArray("tags");
      idAndTags.tags().forEach(tags::add);
    }
    List<ObjectNode> parameters = new ArrayList<>();
    @Nullable Parameter body = null;
    for (Parameter parameter : route.parameters()) {
      if (parameter.kind() == Parameter.Kind.BODY) {
        body = body == null ? parameter : body;
      } else if (!isCommon(parameter, common)) {
        parameters.add(parameter(parameter, route));
      }
    }
    putSorted(op, parameters);
    if (route.readType() instanceof SchemaRef request) {
      op.set("requestBody", requestBody(route, request, body));
      want(wanted, request, where);
    }
    ObjectNode responses = op.putObject("responses");
    for (OperationDoc.Response response : responses(route.writeType())) {
      ObjectNode r = responses.putObject(Integer.toString(response.code()));
      r.put("description", response.description());
      SchemaRef schema = response.schema();
      if (schema != null) {
        r.set("content", content(route.produces(), schema));
        want(wanted, schema, where);
      }
    }
    if (!responses.has("401")) {
      responses.putObject("401").put("description", "Unauthorized");
    }
    if (route.writeType() instanceof OperationDoc doc) {
      if (!doc.action().isEmpty()) {
        op.put("x-kubernetes-action", doc.action());
      }
      GroupVersionKind gvk = doc.groupVersionKind();
      if (gvk != null) {
        op.putObject("x-kubernetes-group-version-kind")
            .put("group", gvk.group())
            .put("kind", gvk.kind())
            .put("version", gvk.version());
      }
    }
    return op;
  }

  private static boolean isCommon(Parameter parameter, List<Parameter> common) {
    for (Parameter c : common) {
      if (c.name().equals(parameter.name()) && c.kind() == parameter.kind()) {
        return true;
      }
    }
    return false;
  }

  private static List<OperationDoc.Response> responses(@Nullable Object writeType) {
    if (writeType instanceof OperationDoc doc) {
      return doc.responses();
    }
    if (writeType instanceof SchemaRef schema) {
      return List.of(new OperationDoc.Response(200, "OK", schema));
    }
    return List.of();
  }

  private static ObjectNode requestBody(Route route, SchemaRef schema, @Nullable Parameter body) {
    ObjectNode requestBody = JsonNodeFactory.instance.objectNode();
    if (body != null && !body.description().isEmpty()) {
      requestBody.put("description", body.description());
    }
    requestBody.set("content", content(route.consumes(), schema));
    if (body == null || body.required()) {
      requestBody.put("required", true);
    }
    return requestBody;
  }

  private static ObjectNode content(List<String> mediaTypes, SchemaRef schema) {
    ObjectNode content = JsonNodeFactory.instance.objectNode();
    for (String mediaType : mediaTypes.isEmpty() ? List.of("*/*") : mediaTypes) {
      content.putObject(mediaType).set("schema", schema.toSchema());
    }
    return content;
  }

  private static void want(Map<String, String> wanted, SchemaRef schema, String where) {
    if (!schema.primitive()) {
      wanted.putIfAbsent(schema.name(), where);
    }
  }

  private static ObjectNode parameter(Parameter parameter, Route route) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    if (!parameter.description().isEmpty()) {
      p.put("description", parameter.description());
    }
    p.put("in", parameter.kind().name().toLowerCase(Locale.ROOT));
    p.put("name", parameter.name());
    if (parameter.required() || parameter.kind() == Parameter.Kind.PATH) {
      p.put("required", true);
    }
    ObjectNode schema = p.putObject("schema");
    TypeAndFormat typeAndFormat = typeAndFormat(parameter, route);
    schema.put("type", typeAndFormat.type());
    if (typeAndFormat.format() != null) {
      schema.put("format", typeAndFormat.format());
    }
    schema.put("uniqueItems", true);
    return p;
  }

  private record TypeAndFormat(String type, @Nullable String format) {}

  /** Upstream's {@code OpenAPITypeFormat} for the data types a parameter may have. */
  private static TypeAndFormat typeAndFormat(Parameter parameter, Route route) {
    String dataType = parameter.dataType();
    return switch (dataType) {
      case "string", "boolean", "integer", "number" -> new TypeAndFormat(dataType, null);
      case "bool" -> new TypeAndFormat("boolean", null);
      case "int" -> new TypeAndFormat("integer", null);
      case "int32", "int64" -> new TypeAndFormat("integer", dataType);
      case "float", "double" -> new TypeAndFormat("number", dataType);
      case "byte" -> new TypeAndFormat("string", "byte");
      case "date-time", "date" -> new TypeAndFormat("string", dataType);
      default ->
          throw new IllegalArgumentException(
              String.format(
                  "route %s: parameter %s has data type %s, which is not an OpenAPI primitive",
                  route, parameter.name(), parameter.dataType()));
    };
  }

  /** The component schemas: everything wanted, and everything they refer to, transitively. */
  private ObjectNode components(Map<String, String> wanted) {
    ObjectNode components = JsonNodeFactory.instance.objectNode();
    Deque<String> queue = new ArrayDeque<>(wanted.keySet());
    Map<String, String> referrers = new LinkedHashMap<>(wanted);
    while (!queue.isEmpty()) {
      String name = queue.removeFirst();
      if (components.has(name)) {
        continue;
      }
      JsonNode schema = lookup(name);
      checkState(
          schema != null,
          "schema %s, referred to by %s, is not known: add it with schemas(...) or"
              + " referenceSchemas(...)",
          name,
          referrers.get(name));
      ObjectNode copy = (ObjectNode) schema.deepCopy();
      SchemaWalker.walk(copy, OpenApiDocumentBuilder::wrapRef);
      Set<GroupVersionKind> extraKinds = kinds.get(name);
      if (extraKinds != null) {
        addKinds(copy, extraKinds);
      }
      components.set(name, copy);
      for (String referred : referredSchemas(copy)) {
        if (referrers.putIfAbsent(referred, "schema " + name) == null) {
          queue.addLast(referred);
        }
      }
    }
    return components;
  }

  private static final Comparator<GroupVersionKind> GVK_ORDER =
      Comparator.comparing(GroupVersionKind::group)
          .thenComparing(GroupVersionKind::version)
          .thenComparing(GroupVersionKind::kind);

  private static void addKinds(ObjectNode schema, Set<GroupVersionKind> extra) {
    Set<GroupVersionKind> all = new TreeSet<>(GVK_ORDER);
    for (JsonNode existing : schema.path("x-kubernetes-group-version-kind")) {
      all.add(
          GroupVersionKind.of(
              existing.path("group").asString(""),
              existing.path("version").asString(""),
              existing.path("kind").asString("")));
    }
    all.addAll(extra);
    ArrayNode list = schema.putArray("x-kubernetes-group-version-kind");
    for (GroupVersionKind gvk : all) {
      list.addObject()
          .put("group", gvk.group())
          .put("kind", gvk.kind())
          .put("version", gvk.version());
    }
  }

  private @Nullable JsonNode lookup(String name) {
    JsonNode schema = schemas.get(name);
    if (schema == null) {
      schema = referenceSchemas.get(name);
    }
    return schema != null ? schema : ApimachinerySchemas.shared().get(name);
  }

  /** Upstream's {@code WrapRefs}: a {@code $ref} with siblings moves into {@code allOf}. */
  private static void wrapRef(ObjectNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null || !ref.isString() || schema.size() == 1) {
      return;
    }
    schema.remove("$ref");
    ObjectNode only = JsonNodeFactory.instance.objectNode().put("$ref", ref.asString());
    JsonNode allOf = schema.get("allOf");
    if (allOf instanceof ArrayNode existing) {
      existing.insert(0, only);
    } else {
      schema.putArray("allOf").add(only);
    }
  }

  /** The component names {@code schema} refers to with {@code #/components/schemas/} refs. */
  static Set<String> referredSchemas(JsonNode schema) {
    Set<String> names = new LinkedHashSet<>();
    collectRefs(schema, names);
    return names;
  }

  private static void collectRefs(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString() && ref.asString().startsWith(SchemaRef.COMPONENTS_PREFIX)) {
        names.add(
            SchemaRef.unescapeJsonPointer(
                ref.asString().substring(SchemaRef.COMPONENTS_PREFIX.length())));
      }
    }
    if (node.isContainer()) {
      for (JsonNode child : node.values()) {
        collectRefs(child, names);
      }
    }
  }

  @Override
  public String toString() {
    return "OpenApiDocumentBuilder{"
        + webServices.size()
        + " web services, "
        + schemas.size()
        + " schemas}";
  }
}
