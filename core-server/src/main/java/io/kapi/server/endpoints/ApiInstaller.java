package io.kapi.server.endpoints;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.restcontainer.Parameter;
import io.kapi.restcontainer.RestRequest;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.RouteHandler;
import io.kapi.restcontainer.WebService;
import io.kapi.server.GenericApiServer;
import io.kapi.server.discovery.LegacyDiscovery;
import io.kapi.server.filters.Failures;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.NamespaceChecker;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.Store;
import io.kapi.server.responses.Responses;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.cache.WatchCache;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

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
 */
public final class ApiInstaller {
  private static final String[] PRODUCES = Negotiation.PRODUCED.toArray(String[]::new);
  private static final String[] CONSUMES = PRODUCES;

  private final Storage storage;
  private final NamespaceChecker namespaces;
  private final PatchAppliers patches;
  private final UnaryOperator<WatchCache.Builder<Unstructured>> watchCache;
  private final Clock clock;
  private final WatchHandler watches = new WatchHandler();
  private final List<Store> installed = new CopyOnWriteArrayList<>();

  private ApiInstaller(Builder b) {
    this.storage = b.storage;
    this.namespaces = b.namespaces;
    this.patches = b.patches;
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
   * versions).
   *
   * @throws IllegalStateException if the server already has one of the WebServices
   */
  public InstalledApiGroup install(GenericApiServer server, ApiGroupInfo group) {
    checkNotNull(server, "server");
    checkNotNull(group, "group");
    long maxBody = server.config().maxRequestBodyBytes();
    Map<String, Store> stores = new LinkedHashMap<>();
    List<WebService> webServices = new ArrayList<>();
    try {
      for (String version : group.versions()) {
        String root = group.isCore() ? "/api/" + version : "/apis/" + group.group() + "/" + version;
        APIResourceList resourceList = DiscoveryDocuments.resourceList(group, version);
        WebService.Builder ws =
            WebService.builder(root)
                .documentation("API at " + root)
                .route(LegacyDiscovery.resourceListRoute(() -> resourceList));
        for (ResourceDefinition resource : group.resources(version)) {
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
                  watches));
        }
        webServices.add(ws.build());
      }
      if (group.isCore()) {
        webServices.add(
            LegacyDiscovery.apiVersions(group.versions(), server.config().externalAddress()));
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

  private static void addRoutes(WebService.Builder ws, ResourceHandlers h) {
    ResourceDefinition r = h.store().resource();
    String kind = r.kind();
    String scope = r.namespaced() ? "Namespaced" : "";
    String collection = (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
    String item = collection + "/{name}";
    List<String> patchTypes = h.patchTypes();

    ws.route(
        route("GET", collection, "list" + scope + kind, "list or watch objects of kind " + kind, true)
            .to(blocking((req, ns, name) -> {
              if (ResourceHandlers.isWatch(req)) {
                h.watch(req, ns, null);
              } else {
                h.list(req, ns);
              }
            }, r.namespaced()))
            .build());
    ws.route(
        route("POST", collection, "create" + scope + kind, "create a " + kind, false)
            .consumes(CONSUMES)
            .to(blocking((req, ns, name) -> h.create(req, ns), r.namespaced()))
            .build());
    ws.route(
        route("DELETE", collection, "deletecollection" + scope + kind,
                "delete collection of " + kind, false)
            .consumes(CONSUMES)
            .to(blocking((req, ns, name) -> h.deleteCollection(req, ns), r.namespaced()))
            .build());
    ws.route(
        route("GET", item, "read" + scope + kind, "read the specified " + kind, false)
            .to(blocking((req, ns, name) -> h.get(req, ns, name), r.namespaced()))
            .build());
    ws.route(
        route("PUT", item, "replace" + scope + kind, "replace the specified " + kind, false)
            .consumes(CONSUMES)
            .to(blocking((req, ns, name) -> h.update(req, ns, name, false), r.namespaced()))
            .build());
    ws.route(
        route("PATCH", item, "patch" + scope + kind, "partially update the specified " + kind, false)
            .consumes(patchTypes.toArray(String[]::new))
            .to(blocking((req, ns, name) -> h.patch(req, ns, name, false), r.namespaced()))
            .build());
    ws.route(
        route("DELETE", item, "delete" + scope + kind, "delete a " + kind, false)
            .consumes(CONSUMES)
            .to(blocking((req, ns, name) -> h.delete(req, ns, name), r.namespaced()))
            .build());
    if (r.hasStatusSubresource()) {
      String status = item + "/status";
      ws.route(
          route("GET", status, "read" + scope + kind + "Status",
                  "read status of the specified " + kind, false)
              .to(blocking((req, ns, name) -> h.get(req, ns, name), r.namespaced()))
              .build());
      ws.route(
          route("PUT", status, "replace" + scope + kind + "Status",
                  "replace status of the specified " + kind, false)
              .consumes(CONSUMES)
              .to(blocking((req, ns, name) -> h.update(req, ns, name, true), r.namespaced()))
              .build());
      ws.route(
          route("PATCH", status, "patch" + scope + kind + "Status",
                  "partially update status of the specified " + kind, false)
              .consumes(patchTypes.toArray(String[]::new))
              .to(blocking((req, ns, name) -> h.patch(req, ns, name, true), r.namespaced()))
              .build());
    }
    for (String subresource : r.updateSubresources()) {
      String suffix = Character.toUpperCase(subresource.charAt(0)) + subresource.substring(1);
      ws.route(
          route("PUT", item + "/" + subresource, "replace" + scope + kind + suffix,
                  "replace " + subresource + " of the specified " + kind, false)
              .consumes(CONSUMES)
              .to(blocking(
                  (req, ns, name) -> h.updateSubresource(req, ns, name, subresource),
                  r.namespaced()))
              .build());
    }
    if (r.namespaced()) {
      ws.route(
          route("GET", "/" + r.plural(), "list" + kind + "ForAllNamespaces",
                  "list or watch objects of kind " + kind + " in all namespaces", true)
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
                  "deprecated: use the 'watch' parameter with a list operation instead", true)
              .to(blocking((req, ns, name) -> h.watch(req, "", null), false))
              .build());
    }
    ws.route(
        route("GET", "/watch" + collection, "watch" + scope + kind + "List",
                "deprecated: use the 'watch' parameter with a list operation instead", true)
            .to(blocking((req, ns, name) -> h.watch(req, ns, null), r.namespaced()))
            .build());
    ws.route(
        route("GET", "/watch" + item, "watch" + scope + kind,
                "deprecated: use the 'watch' parameter with a list operation instead, filtered to"
                    + " a single item with the 'fieldSelector' parameter",
                false)
            .to(blocking((req, ns, name) -> h.watch(req, ns, name), r.namespaced()))
            .build());
  }

  private static Route.Builder route(
      String method, String path, String operationId, String doc, boolean listing) {
    Route.Builder b =
        Route.builder(method, path).operationId(operationId).doc(doc).produces(PRODUCES);
    if (path.contains("{namespace}")) {
      b.param(Parameter.path("namespace", "object name and auth scope, such as for teams and projects"));
    }
    if (path.contains("{name}")) {
      b.param(Parameter.path("name", "name of the object"));
    }
    if (listing) {
      for (String q :
          List.of(
              "labelSelector", "fieldSelector", "resourceVersion", "resourceVersionMatch", "limit",
              "continue", "watch", "allowWatchBookmarks", "sendInitialEvents", "timeoutSeconds")) {
        b.param(Parameter.query(q, q));
      }
    }
    return b;
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
