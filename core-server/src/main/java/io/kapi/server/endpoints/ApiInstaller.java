package io.kapi.server.endpoints;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.discovery.v2.APIVersionDiscovery;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.restcontainer.Parameter;
import io.kapi.restcontainer.RestRequest;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.RouteHandler;
import io.kapi.restcontainer.WebService;
import io.kapi.server.GenericApiServer;
import io.kapi.server.discovery.AggregatedDiscovery;
import io.kapi.server.discovery.LegacyDiscovery;
import io.kapi.server.filters.Failures;
import io.kapi.server.protobuf.KubernetesProtobuf;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.openapi.KindSchemas;
import io.kapi.server.openapi.OpenApiDocumentBuilder;
import io.kapi.server.openapi.OperationDoc;
import io.kapi.server.openapi.SchemaRef;
import io.kapi.server.registry.NamespaceChecker;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.Store;
import io.kapi.server.responses.Responses;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.cache.WatchCache;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Installs an {@link ApiGroupInfo} into a {@link GenericApiServer} (upstream's {@code
 * InstallAPIGroup}/{@code InstallLegacyAPIGroup}): one {@link Store} per resource and version over
 * the given {@link Storage}, one WebService per group version ({@code /api/v1} or {@code
 * /apis/<group>/<version>}) with the REST routes and the resource list, and the group's discovery
 * ({@code /api} for the core group, {@code /apis/<group>} otherwise).
 *
 * <pre>{@code
 * ApiInstaller installer = ApiInstaller.builder(storage).build();
 * InstalledApiGroup wardle = installer.install(server, ApiGroupInfo.builder("wardle.example.com")
 *     .version("v1alpha1", ResourceDefinition.builder("flunders", "Flunder").build())
 *     .build());
 * }</pre>
 *
 * <p>Routes per resource ({@code R}), for namespaced ones below {@code /namespaces/{namespace}}:
 * {@code GET|POST|DELETE /R} (list or watch, create, delete collection), {@code
 * GET|PUT|PATCH|DELETE /R/{name}}, {@code GET|PUT|PATCH /R/{name}/status} with a status
 * subresource, {@code PUT /R/{name}/<sub>} per update subresource (namespaces' {@code finalize}), {@code GET /R} across namespaces, and the legacy {@code /watch/...} paths. Request
 * handling blocks only on worker threads; watches hold no thread at all.
 *
 * <p>Every route is documented as upstream's installer documents it: operation ids ({@code
 * listNamespacedConfigMap}, published as {@code listCoreV1NamespacedConfigMap}), {@code
 * x-kubernetes-action}, {@code x-kubernetes-group-version-kind}, the kind's schema (from {@link
 * Builder#kindSchemas}) for bodies and responses, and the query parameters ({@code dryRun}, {@code
 * fieldManager}, {@code fieldValidation}, {@code propagationPolicy}…). Each group version's
 * OpenAPI v3 document goes into the server's {@link GenericApiServer#openApiV3()} and its resources
 * into the server's aggregated discovery, so the outermost server of the chain serves them.
 */
public final class ApiInstaller {
  private static final String[] PRODUCES = Negotiation.PRODUCED.toArray(String[]::new);
  private static final String[] CONSUMES = PRODUCES;

  /** Built-in kinds also take protobuf bodies, as upstream's routes list them (CRs do not). */
  private static final String[] CONSUMES_WITH_PROTOBUF =
      Stream.concat(Arrays.stream(PRODUCES), Stream.of(KubernetesProtobuf.MEDIA_TYPE))
          .toArray(String[]::new);
  private static final Parameter PRETTY =
      query("pretty", "string", "If 'true', then the output is pretty printed.");
  private static final Parameter OPTIONAL_BODY =
      new Parameter("body", Parameter.Kind.BODY, "object", "", false);
  private static final Parameter DRY_RUN =
      query("dryRun", "string", "When present, modifications are not persisted; only All.");
  private static final List<Parameter> LIST_PARAMETERS =
      List.of(
          query("allowWatchBookmarks", "boolean", "Requests watch events of type BOOKMARK."),
          query("continue", "string", "The continue token of the previous page."),
          query("fieldSelector", "string", "Restricts the objects returned by their fields."),
          query("labelSelector", "string", "Restricts the objects returned by their labels."),
          query("limit", "integer", "The maximum number of objects to return in one page."),
          query("resourceVersion", "string", "Which resource version to serve from."),
          query("resourceVersionMatch", "string", "How resourceVersion applies to lists."),
          query("sendInitialEvents", "boolean", "Starts a watch with the current objects."),
          query("timeoutSeconds", "integer", "Timeout for the list or watch call."),
          query("watch", "boolean", "Watch for changes instead of listing."));
  /** The list options a deletecollection takes: not the watch ones, as upstream documents it. */
  private static final List<Parameter> DELETE_COLLECTION_LIST_PARAMETERS =
      LIST_PARAMETERS.stream()
          .filter(p -> !p.name().equals("watch") && !p.name().equals("allowWatchBookmarks"))
          .toList();
  private static final List<Parameter> WRITE_PARAMETERS =
      List.of(
          DRY_RUN,
          query("fieldManager", "string", "The name of the actor making the change."),
          query(
              "fieldValidation",
              "string",
              "How to handle unknown or duplicate fields in the body: Ignore, Warn (the default)"
                  + " or Strict."));
  private static final List<Parameter> PATCH_PARAMETERS =
      List.of(
          WRITE_PARAMETERS.get(0),
          WRITE_PARAMETERS.get(1),
          WRITE_PARAMETERS.get(2),
          query("force", "boolean", "Takes over conflicting fields of an apply request."));
  private static final List<Parameter> DELETE_PARAMETERS =
      List.of(
          DRY_RUN,
          query("gracePeriodSeconds", "integer", "The duration before the object is deleted."),
          query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
          query(
              "propagationPolicy",
              "string",
              "Whether and how garbage collection deletes dependents: Orphan, Background or"
                  + " Foreground."));

  private final Storage storage;
  private final NamespaceChecker namespaces;
  private final PatchAppliers patches;
  private final KindSchemas kindSchemas;
  private final UnaryOperator<WatchCache.Builder<Unstructured>> watchCache;
  private final Clock clock;
  private final WatchHandler watches = new WatchHandler();
  private final List<Store> installed = new CopyOnWriteArrayList<>();

  private ApiInstaller(Builder b) {
    this.storage = b.storage;
    this.namespaces = b.namespaces;
    this.patches = b.patches;
    this.kindSchemas = b.kindSchemas;
    this.watchCache = b.watchCache;
    this.clock = b.clock;
  }

  /** Starts configuring an installer whose stores keep their objects in {@code storage}. */
  public static Builder builder(Storage storage) {
    return new Builder(storage);
  }

  /**
   * Installs {@code group} into {@code server}: its stores (loading their watch caches), its group
   * version WebServices, then its discovery WebService ({@code /api} after {@code /api/v1} for the
   * core group, so {@code /api/v1/...} reaches {@code /api/v1}; {@code /apis/<group>} after its
   * versions); then publishes each version's OpenAPI document in {@code server.openApiV3()} and its
   * resources in the server's aggregated discovery, and serves {@code /openapi/v2} and {@code
   * /openapi/v3} from {@code server}.
   *
   * @throws IllegalStateException if the server already has one of the WebServices
   */
  public InstalledApiGroup install(GenericApiServer server, ApiGroupInfo group) {
    checkNotNull(server, "server");
    checkNotNull(group, "group");
    long maxBody = server.config().maxRequestBodyBytes();
    Map<String, Store> stores = new LinkedHashMap<>();
    List<WebService> webServices = new ArrayList<>();
    Map<String, ObjectNode> openApi = new LinkedHashMap<>();
    try {
      for (String version : group.versions()) {
        String root = group.isCore() ? "/api/" + version : "/apis/" + group.group() + "/" + version;
        APIResourceList resourceList = DiscoveryDocuments.resourceList(group, version);
        WebService.Builder ws =
            WebService.builder(root)
                .documentation("API at " + root)
                .route(LegacyDiscovery.resourceListRoute(() -> resourceList));
        GroupVersionSchemas schemas = new GroupVersionSchemas(kindSchemas);
        for (ResourceDefinition declared : group.resources(version)) {
          GroupVersionKind gvk = GroupVersionKind.of(group.group(), version, declared.kind());
          SchemaRef object = schemas.object(gvk);
          SchemaRef list =
              schemas.list(GroupVersionKind.of(group.group(), version, declared.listKind()), object);
          ResourceDefinition resource = withSchemaHookOf(declared, gvk);
          Store store =
              Store.builder(storage, group.groupVersion(version), resource)
                  .namespaceChecker(namespaces)
                  .clock(clock)
                  .watchCache(watchCache)
                  .build();
          stores.put(version + "/" + resource.plural(), store);
          addRoutes(
              ws,
              new ResourceHandlers(
                  store,
                  maxBody,
                  patches.forResource(group.groupVersion(version), resource),
                  watches),
              new RouteSchemas(gvk, object, list));
        }
        WebService built = ws.build();
        webServices.add(built);
        OpenApiDocumentBuilder document = OpenApiDocumentBuilder.builder().webService(built);
        schemas.addTo(document);
        openApi.put(root.substring(1), document.build());
      }
      if (group.isCore()) {
        webServices.add(
            server
                .aggregatedLegacyDiscovery()
                .webService(
                    "/api",
                    LegacyDiscovery.apiVersionsHandler(
                        group.versions(), server.config().externalAddress())));
      } else {
        APIGroup document = DiscoveryDocuments.group(group);
        webServices.add(
            WebService.builder("/apis/" + group.group())
                .documentation("get information of a group")
                .route(
                    Route.builder("GET", "")
                        .operationId("getAPIGroup")
                        .doc("get information of a group")
                        .produces(Responses.APPLICATION_JSON)
                        .to(r -> Responses.writeObject(r.exchange(), 200, document))
                        .build())
                .build());
      }
      for (WebService ws : webServices) {
        server.installWebService(ws);
      }
      publish(server, group, openApi);
    } catch (RuntimeException e) {
      stores.values().forEach(Store::close);
      throw e;
    }
    installed.addAll(stores.values());
    return new InstalledApiGroup(group, stores);
  }

  /**
   * Every store this installer has installed so far, across all groups, in installation order: a
   * live view of the server's resources for controllers that must visit all of them (the namespace
   * controller empties a namespace through every namespaced store, custom resources included once
   * their group is installed). Thread-safe.
   */
  public List<Store> stores() {
    return List.copyOf(installed);
  }

  /** Gives a resource without a schema hook the hook its kind has in {@link #kindSchemas}. */
  private ResourceDefinition withSchemaHookOf(ResourceDefinition resource, GroupVersionKind gvk) {
    if (resource.schema() != ObjectSchemaHook.NONE) {
      return resource;
    }
    return kindSchemas.schemaHook(gvk).map(resource::withSchema).orElse(resource);
  }

  /**
   * Puts the group's OpenAPI documents and aggregated discovery into the chain's shared services
   * and lets {@code server} serve {@code /openapi/v2} and {@code /openapi/v3}.
   */
  private static void publish(
      GenericApiServer server, ApiGroupInfo group, Map<String, ObjectNode> openApi) {
    AggregatedDiscovery discovery =
        group.isCore() ? server.aggregatedLegacyDiscovery() : server.aggregatedDiscovery();
    for (String version : group.versions()) {
      discovery.addGroupVersion(
          group.group(),
          APIVersionDiscovery.current(
              version,
              LegacyDiscovery.toAggregated(
                  DiscoveryDocuments.resourceList(group, version).resources())));
    }
    openApi.forEach(server.openApiV3()::put);
    server.serveOpenApi();
  }

  private static void addRoutes(WebService.Builder ws, ResourceHandlers h, RouteSchemas docs) {
    ResourceDefinition r = h.store().resource();
    String kind = r.kind();
    String scope = r.namespaced() ? "Namespaced" : "";
    String collection = (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
    String item = collection + "/{name}";
    String[] patchTypes = h.patchTypes().toArray(String[]::new);
    GroupVersionKind gvk = docs.kind();
    String[] consumes =
        KubernetesProtobuf.supports(h.store().groupVersion().toString(), kind)
            ? CONSUMES_WITH_PROTOBUF
            : CONSUMES;

    ws.route(
        route("GET", collection, "list" + scope + kind, "list or watch objects of kind " + kind, LIST_PARAMETERS)
            .writes(OperationDoc.list(gvk, docs.list()))
            .to(blocking((req, ns, name) -> {
              if (ResourceHandlers.isWatch(req)) {
                h.watch(req, ns, null);
              } else {
                h.list(req, ns);
              }
            }, r.namespaced()))
            .build());
    ws.route(
        route("POST", collection, "create" + scope + kind, "create a " + kind, WRITE_PARAMETERS)
            .consumes(consumes)
            .param(Parameter.body("body", ""))
            .reads(docs.object())
            .writes(OperationDoc.create(gvk, docs.object()))
            .to(blocking((req, ns, name) -> h.create(req, ns), r.namespaced()))
            .build());
    ws.route(
        route("DELETE", collection, "deletecollection" + scope + kind,
                "delete collection of " + kind, DELETE_PARAMETERS,
                DELETE_COLLECTION_LIST_PARAMETERS)
            .consumes(consumes)
            .param(OPTIONAL_BODY)
            .reads(SchemaRef.DELETE_OPTIONS)
            .writes(OperationDoc.deleteCollection(gvk))
            .to(blocking((req, ns, name) -> h.deleteCollection(req, ns), r.namespaced()))
            .build());
    ws.route(
        route("GET", item, "read" + scope + kind, "read the specified " + kind)
            .writes(OperationDoc.get(gvk, docs.object()))
            .to(blocking((req, ns, name) -> h.get(req, ns, name), r.namespaced()))
            .build());
    ws.route(
        route("PUT", item, "replace" + scope + kind, "replace the specified " + kind, WRITE_PARAMETERS)
            .consumes(consumes)
            .param(Parameter.body("body", ""))
            .reads(docs.object())
            .writes(OperationDoc.update(gvk, docs.object()))
            .to(blocking((req, ns, name) -> h.update(req, ns, name, false), r.namespaced()))
            .build());
    ws.route(
        route("PATCH", item, "patch" + scope + kind, "partially update the specified " + kind, PATCH_PARAMETERS)
            .consumes(patchTypes)
            .param(Parameter.body("body", ""))
            .reads(SchemaRef.PATCH)
            .writes(OperationDoc.patch(gvk, docs.object()))
            .to(blocking((req, ns, name) -> h.patch(req, ns, name, false), r.namespaced()))
            .build());
    ws.route(
        route("DELETE", item, "delete" + scope + kind, "delete a " + kind, DELETE_PARAMETERS)
            .consumes(consumes)
            .param(OPTIONAL_BODY)
            .reads(SchemaRef.DELETE_OPTIONS)
            // as upstream documents it: what an immediate delete answers
            .writes(OperationDoc.delete(
                gvk, r.strategy().returnDeletedObject() ? docs.object() : SchemaRef.STATUS))
            .to(blocking((req, ns, name) -> h.delete(req, ns, name), r.namespaced()))
            .build());
    if (r.hasStatusSubresource()) {
      String status = item + "/status";
      ws.route(
          route("GET", status, "read" + scope + kind + "Status",
                  "read status of the specified " + kind)
              .writes(OperationDoc.get(gvk, docs.object()))
              .to(blocking((req, ns, name) -> h.get(req, ns, name), r.namespaced()))
              .build());
      ws.route(
          route("PUT", status, "replace" + scope + kind + "Status",
                  "replace status of the specified " + kind, WRITE_PARAMETERS)
              .consumes(consumes)
              .param(Parameter.body("body", ""))
              .reads(docs.object())
              .writes(OperationDoc.update(gvk, docs.object()))
              .to(blocking((req, ns, name) -> h.update(req, ns, name, true), r.namespaced()))
              .build());
      ws.route(
          route("PATCH", status, "patch" + scope + kind + "Status",
                  "partially update status of the specified " + kind, PATCH_PARAMETERS)
              .consumes(patchTypes)
              .param(Parameter.body("body", ""))
              .reads(SchemaRef.PATCH)
              .writes(OperationDoc.patch(gvk, docs.object()))
              .to(blocking((req, ns, name) -> h.patch(req, ns, name, true), r.namespaced()))
              .build());
    }
    for (String subresource : r.updateSubresources()) {
      String suffix = Character.toUpperCase(subresource.charAt(0)) + subresource.substring(1);
      ws.route(
          route("PUT", item + "/" + subresource, "replace" + scope + kind + suffix,
                  "replace " + subresource + " of the specified " + kind, WRITE_PARAMETERS)
              .consumes(consumes)
              .param(Parameter.body("body", ""))
              .reads(docs.object())
              .writes(OperationDoc.update(gvk, docs.object()))
              .to(blocking(
                  (req, ns, name) -> h.updateSubresource(req, ns, name, subresource),
                  r.namespaced()))
              .build());
    }
    if (r.namespaced()) {
      ws.route(
          route("GET", "/" + r.plural(), "list" + kind + "ForAllNamespaces",
                  "list or watch objects of kind " + kind + " in all namespaces", LIST_PARAMETERS)
              .writes(OperationDoc.list(gvk, docs.list()))
              .to(blocking((req, ns, name) -> {
                if (ResourceHandlers.isWatch(req)) {
                  h.watch(req, "", null);
                } else {
                  h.list(req, "");
                }
              }, false))
              .build());
      ws.route(
          route("GET", "/watch/" + r.plural(), "watch" + kind + "ListForAllNamespaces",
                  "deprecated: use the 'watch' parameter with a list operation instead", LIST_PARAMETERS)
              .writes(OperationDoc.watchList(gvk))
              .to(blocking((req, ns, name) -> h.watch(req, "", null), false))
              .build());
    }
    ws.route(
        route("GET", "/watch" + collection, "watch" + scope + kind + "List",
                "deprecated: use the 'watch' parameter with a list operation instead", LIST_PARAMETERS)
            .writes(OperationDoc.watchList(gvk))
            .to(blocking((req, ns, name) -> h.watch(req, ns, null), r.namespaced()))
            .build());
    ws.route(
        route("GET", "/watch" + item, "watch" + scope + kind,
                "deprecated: use the 'watch' parameter with a list operation instead, filtered to"
                    + " a single item with the 'fieldSelector' parameter", LIST_PARAMETERS)
            .writes(OperationDoc.watch(gvk))
            .to(blocking((req, ns, name) -> h.watch(req, ns, name), r.namespaced()))
            .build());
  }

  /** What the routes of one resource document: its kind and the schemas of object and list. */
  private record RouteSchemas(GroupVersionKind kind, SchemaRef object, SchemaRef list) {}

  @SafeVarargs
  private static Route.Builder route(
      String method, String path, String operationId, String doc, List<Parameter>... params) {
    Route.Builder b =
        Route.builder(method, path)
            .operationId(operationId)
            .doc(doc)
            .produces(PRODUCES)
            .param(PRETTY);
    for (List<Parameter> list : params) {
      list.forEach(b::param);
    }
    if (path.contains("{namespace}")) {
      b.param(Parameter.path("namespace", "object name and auth scope, such as for teams and projects"));
    }
    if (path.contains("{name}")) {
      b.param(Parameter.path("name", "name of the object"));
    }
    return b;
  }

  private static Parameter query(String name, String type, String description) {
    return new Parameter(name, Parameter.Kind.QUERY, type, description, false);
  }

  /** A task of one route, given the request and its namespace and name path parameters. */
  @FunctionalInterface
  private interface Task {
    void run(RestRequest request, String namespace, String name) throws Exception;
  }

  /** Runs {@code task} on a worker thread; failures become the response (see {@link Failures}). */
  private static RouteHandler blocking(Task task, boolean namespaced) {
    return request -> {
      HttpServerExchange exchange = request.exchange();
      String namespace = namespaced ? request.pathParameter("namespace") : "";
      String name = request.pathParameters().getOrDefault("name", "");
      exchange.dispatch(
          () -> {
            try {
              task.run(request, namespace, name);
            } catch (Throwable t) {
              Failures.write(exchange, t);
            }
          });
    };
  }

  /** Configures an {@link ApiInstaller}; not thread-safe. */
  public static final class Builder {
    private final Storage storage;
    private NamespaceChecker namespaces = NamespaceChecker.ANY;
    private PatchAppliers patches = (groupVersion, resource) -> PatchApplier.NONE;
    private KindSchemas kindSchemas = KindSchemas.NONE;
    private UnaryOperator<WatchCache.Builder<Unstructured>> watchCache = b -> b;
    private Clock clock = Clock.systemUTC();

    private Builder(Storage storage) {
      this.storage = checkNotNull(storage, "storage");
    }

    /** Who tells whether a namespace exists before objects are created in it. */
    public Builder namespaceChecker(NamespaceChecker checker) {
      this.namespaces = checkNotNull(checker, "checker");
      return this;
    }

    /** The patch engine for every resource; without one PATCH answers 415. */
    public Builder patchApplier(PatchApplier applier) {
      checkNotNull(applier, "applier");
      this.patches = (groupVersion, resource) -> applier;
      return this;
    }

    /** The patch engine per resource (strategic merge patch needs each kind's schema). */
    public Builder patchAppliers(PatchAppliers appliers) {
      this.patches = checkNotNull(appliers, "appliers");
      return this;
    }

    /**
     * Where the schemas of the served kinds come from (default: none, every kind gets a generic
     * object schema in OpenAPI and no pruning). A resource declared without its own {@link
     * ObjectSchemaHook} whose kind the source knows gets the source's hook (for published built-in
     * kinds: pruning only, validation and defaults stay with the strategy).
     */
    public Builder kindSchemas(KindSchemas schemas) {
      this.kindSchemas = checkNotNull(schemas, "schemas");
      return this;
    }

    /** Adjusts every store's watch cache (buffer sizes, bookmark interval, scheduler). */
    public Builder watchCache(UnaryOperator<WatchCache.Builder<Unstructured>> customizer) {
      this.watchCache = checkNotNull(customizer, "customizer");
      return this;
    }

    /** The clock for creation and deletion timestamps. */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    public ApiInstaller build() {
      return new ApiInstaller(this);
    }
  }
}
