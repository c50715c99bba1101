package io.kapi.server.discovery;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.discovery.APIGroup;
import io.kapi.api.discovery.APIGroupList;
import io.kapi.api.discovery.GroupVersionForDiscovery;
import io.kapi.api.discovery.KubeVersionComparator;
import io.kapi.api.discovery.v2.APIGroupDiscovery;
import io.kapi.api.discovery.v2.APIGroupDiscoveryList;
import io.kapi.api.discovery.v2.APIVersionDiscovery;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.meta.ListMeta;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.RouteHandler;
import io.kapi.restcontainer.WebService;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The aggregated discovery document ({@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}) of one
 * discovery endpoint, and the handler that serves it — upstream's aggregated {@code
 * ResourceManager}. A server keeps one for {@code /api} (the core group, named {@code ""}) and one
 * for {@code /apis} (every other group).
 *
 * <pre>{@code
 * AggregatedDiscovery apis = AggregatedDiscovery.create();
 * apis.setGroupVersionPriority("apps", "v1", 17800, 15);
 * apis.addGroupVersion("apps", APIVersionDiscovery.current("v1",
 *     LegacyDiscovery.toAggregated(appsV1Resources)));
 * server.installWebService(apis.webService("/apis", LegacyDiscovery.apiGroupListHandler(
 *     apis::legacyGroupList)));
 * }</pre>
 *
 * <p>Ordering, as upstream: versions of a group by version priority (highest first), ties by
 * Kubernetes version order ({@code v2 > v1 > v1beta1 > v1alpha1}); groups by the highest group
 * priority minimum of their versions, ties by name. A group version added without a priority gets
 * (1000, 15). When several {@link Source}s add the same group version, the lowest source wins.
 *
 * <p>Serving ({@link #wrap(HttpHandler)}, {@link #webService}): a request whose {@code Accept} asks
 * for {@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList} (or {@code
 * v2beta1}, or YAML) gets this document with that {@code Content-Type}, {@code ETag} (quoted
 * upper-case hex SHA-512 of the JSON), {@code Vary: Accept} and {@code Cache-Control: public}, or
 * 304 when {@code If-None-Match} equals the ETag; every other request goes to the legacy handler.
 *
 * <p>Thread-safe: changes may come at any time (CRDs, APIServices); the document is rebuilt and
 * serialized once after each change, on the next request, and change listeners run after it.
 */
public final class AggregatedDiscovery {
  /** The default priorities of a group version added without one. */
  public static final int DEFAULT_GROUP_PRIORITY_MINIMUM = 1000;

  public static final int DEFAULT_VERSION_PRIORITY = 15;

  /** Who added a group version; when two add the same one, the earlier constant wins. */
  public enum Source {
    /** APIServices of the aggregator. */
    AGGREGATOR,
    /** Groups built into the server. */
    BUILTIN,
    /** Custom resource definitions. */
    CRD
  }

  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

  private record GroupKey(Source source, String group) {}

  private record VersionKey(Source source, String group, String version) {}

  private record Priority(int groupPriorityMinimum, int versionPriority) {}

  private record Chosen(Source source, APIVersionDiscovery version) {}

  private record Rendered(
      APIGroupDiscoveryList document, byte[] v2Json, byte[] v2beta1Json, String etag) {}

  private final Object lock = new Object();
  private final Map<GroupKey, List<APIVersionDiscovery>> groups = new HashMap<>();
  private final Map<VersionKey, Priority> priorities = new HashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile @Nullable Rendered rendered;

  private AggregatedDiscovery() {}

  /** An empty document. */
  public static AggregatedDiscovery create() {
    return new AggregatedDiscovery();
  }

  /** {@link #addGroupVersion(Source, String, APIVersionDiscovery)} for {@link Source#BUILTIN}. */
  public void addGroupVersion(String group, APIVersionDiscovery version) {
    addGroupVersion(Source.BUILTIN, group, version);
  }

  /**
   * Adds (or replaces) {@code version} of {@code group} ({@code ""} for core). Adding an equal
   * version again changes nothing.
   *
   * @throws IllegalArgumentException if the version name is empty
   */
  public void addGroupVersion(Source source, String group, APIVersionDiscovery version) {
    checkNotNull(source, "source");
    checkNotNull(group, "group");
    checkNotNull(version, "version");
    checkArgument(!version.version().isEmpty(), "group %s: version name must not be empty", group);
    synchronized (lock) {
      if (!addLocked(source, group, version)) {
        return;
      }
      rendered = null;
    }
    changed();
  }

  private boolean addLocked(Source source, String group, APIVersionDiscovery version) {
    List<APIVersionDiscovery> versions =
        groups.computeIfAbsent(new GroupKey(source, group), k -> new ArrayList<>());
    int index = indexOf(versions, version.version());
    if (index >= 0) {
      if (versions.get(index).equals(version)) {
        return false;
      }
      versions.set(index, version);
    } else {
      versions.add(version);
    }
    priorities.putIfAbsent(
        new VersionKey(source, group, version.version()),
        new Priority(DEFAULT_GROUP_PRIORITY_MINIMUM, DEFAULT_VERSION_PRIORITY));
    return true;
  }

  private static int indexOf(List<APIVersionDiscovery> versions, String version) {
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).version().equals(version)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@link #setGroupVersionPriority(Source, String, String, int, int)} for {@link Source#BUILTIN}.
   */
  public void setGroupVersionPriority(
      String group, String version, int groupPriorityMinimum, int versionPriority) {
    setGroupVersionPriority(Source.BUILTIN, group, version, groupPriorityMinimum, versionPriority);
  }

  /**
   * Sets the priorities of a group version (an APIService's {@code groupPriorityMinimum} and {@code
   * versionPriority}); may come before or after the version is added, and is forgotten when the
   * version is removed.
   */
  public void setGroupVersionPriority(
      Source source, String group, String version, int groupPriorityMinimum, int versionPriority) {
    checkNotNull(source, "source");
    checkNotNull(group, "group");
    checkNotNull(version, "version");
    synchronized (lock) {
      Priority priority = new Priority(groupPriorityMinimum, versionPriority);
      if (priority.equals(priorities.put(new VersionKey(source, group, version), priority))) {
        return;
      }
      rendered = null;
    }
    changed();
  }

  /** {@link #removeGroupVersion(Source, String, String)} for {@link Source#BUILTIN}. */
  public boolean removeGroupVersion(String group, String version) {
    return removeGroupVersion(Source.BUILTIN, group, version);
  }

  /**
   * Removes one version of a group; the group disappears with its last version. Returns whether
   * there was such a version.
   */
  public boolean removeGroupVersion(Source source, String group, String version) {
    checkNotNull(source, "source");
    checkNotNull(group, "group");
    checkNotNull(version, "version");
    synchronized (lock) {
      GroupKey key = new GroupKey(source, group);
      List<APIVersionDiscovery> versions = groups.get(key);
      int index = versions == null ? -1 : indexOf(versions, version);
      if (index < 0) {
        return false;
      }
      versions.remove(index);
      if (versions.isEmpty()) {
        groups.remove(key);
      }
      priorities.remove(new VersionKey(source, group, version));
      rendered = null;
    }
    changed();
    return true;
  }

  /** {@link #removeGroup(Source, String)} for {@link Source#BUILTIN}. */
  public boolean removeGroup(String group) {
    return removeGroup(Source.BUILTIN, group);
  }

  /** Removes every version of {@code group} that {@code source} added. Returns whether any. */
  public boolean removeGroup(Source source, String group) {
    checkNotNull(source, "source");
    checkNotNull(group, "group");
    synchronized (lock) {
      boolean removed = groups.remove(new GroupKey(source, group)) != null;
      priorities.keySet().removeIf(k -> k.source() == source && k.group().equals(group));
      if (!removed) {
        return false;
      }
      rendered = null;
    }
    changed();
    return true;
  }

  /**
   * Replaces everything {@code source} added with {@code groups} (their versions in the given
   * order). Priorities of versions that remain are kept.
   */
  public void setGroups(Source source, List<APIGroupDiscovery> groups) {
    checkNotNull(source, "source");
    checkNotNull(groups, "groups");
    synchronized (lock) {
      this.groups.keySet().removeIf(k -> k.source() == source);
      for (APIGroupDiscovery group : groups) {
        for (APIVersionDiscovery version : group.versions()) {
          checkArgument(
              !version.version().isEmpty(),
              "group %s: version name must not be empty",
              group.group());
          addLocked(source, group.group(), version);
        }
      }
      priorities.keySet().removeIf(k -> k.source() == source && !has(k));
      rendered = null;
    }
    changed();
  }

  private boolean has(VersionKey key) {
    List<APIVersionDiscovery> versions = groups.get(new GroupKey(key.source(), key.group()));
    return versions != null && indexOf(versions, key.version()) >= 0;
  }

  /**
   * Runs {@code listener} after every change (on the thread that made it), e.g. for an aggregator
   * that merges this document into its own.
   */
  public void addChangeListener(Runnable listener) {
    listeners.add(checkNotNull(listener, "listener"));
  }

  private void changed() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  /** The current document, ordered. */
  public APIGroupDiscoveryList document() {
    return render().document();
  }

  /** The current ETag value (upper-case hex SHA-512 of the JSON document), unquoted. */
  public String etag() {
    return render().etag();
  }

  /**
   * The legacy {@code /apis} answer for the same groups and order: an {@link APIGroupList} whose
   * preferred versions are the first versions (the core group {@code ""} is left out).
   */
  public APIGroupList legacyGroupList() {
    List<APIGroup> list = new ArrayList<>();
    for (APIGroupDiscovery group : document().items()) {
      if (!group.group().isEmpty() && !group.versions().isEmpty()) {
        list.add(legacy(group));
      }
    }
    return APIGroupList.of(list);
  }

  /** The legacy {@code /apis/<group>} answer ({@code kind: APIGroup}), if the group is served. */
  public Optional<APIGroup> legacyGroup(String group) {
    checkNotNull(group, "group");
    for (APIGroupDiscovery item : document().items()) {
      if (item.group().equals(group) && !item.versions().isEmpty()) {
        return Optional.of(legacy(item).asDocument());
      }
    }
    return Optional.empty();
  }

  private static APIGroup legacy(APIGroupDiscovery group) {
    List<GroupVersionForDiscovery> versions = new ArrayList<>();
    for (APIVersionDiscovery version : group.versions()) {
      versions.add(GroupVersionForDiscovery.of(group.group(), version.version()));
    }
    return APIGroup.listed(group.group(), versions);
  }

  /**
   * Serves the aggregated document to requests that ask for it and hands every other request to
   * {@code legacy} (upstream's {@code WrapAggregatedDiscoveryToHandler}).
   */
  public HttpHandler wrap(HttpHandler legacy) {
    checkNotNull(legacy, "legacy");
    return exchange -> {
      Optional<DiscoveryNegotiation.Choice> choice =
          DiscoveryNegotiation.negotiate(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
      if (choice.isPresent()) {
        serve(exchange, choice.get());
      } else {
        legacy.handleRequest(exchange);
      }
    };
  }

  /** Like {@link #wrap(HttpHandler)}, for the route of a WebService. */
  public RouteHandler wrap(RouteHandler legacy) {
    checkNotNull(legacy, "legacy");
    return request -> {
      HttpServerExchange exchange = request.exchange();
      Optional<DiscoveryNegotiation.Choice> choice =
          DiscoveryNegotiation.negotiate(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
      if (choice.isPresent()) {
        serve(exchange, choice.get());
      } else {
        legacy.handle(request);
      }
    };
  }

  /**
   * The WebService of a discovery root ({@code /api} or {@code /apis}) whose {@code GET} route
   * ({@code getAPIVersions}) serves this document or, to clients that do not ask for it, {@code
   * legacy} — what upstream's {@code GenerateWebService} builds.
   */
  public WebService webService(String rootPath, RouteHandler legacy) {
    checkNotNull(rootPath, "rootPath");
    return WebService.builder(rootPath)
        .documentation("get available API versions")
        .route(
            Route.builder("GET", "")
                .operationId("getAPIVersions")
                .doc("get available API versions")
                .produces(Responses.APPLICATION_JSON)
                .to(wrap(legacy))
                .build())
        .build();
  }

  /**
   * Serves the aggregated document to every request: as negotiated when the {@code Accept} header
   * asks for it, else 406.
   */
  public HttpHandler handler() {
    return exchange -> {
      Optional<DiscoveryNegotiation.Choice> choice =
          DiscoveryNegotiation.negotiate(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
      if (choice.isPresent()) {
        serve(exchange, choice.get());
      } else {
        Responses.writeError(
            exchange,
            ApiErrors.notAcceptable(
                List.of(
                    new DiscoveryNegotiation.Choice(
                            Responses.APPLICATION_JSON, DiscoveryNegotiation.V2, false)
                        .contentType())));
      }
    };
  }

  private void serve(HttpServerExchange exchange, DiscoveryNegotiation.Choice choice) {
    Rendered current = render();
    String quoted = "\"" + current.etag() + "\"";
    exchange.getResponseHeaders().put(Headers.ETAG, quoted);
    exchange.getResponseHeaders().put(Headers.VARY, "Accept");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public");
    if (quoted.equals(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH))) {
      if (Responses.claim(exchange)) {
        exchange.setStatusCode(304);
        exchange.endExchange();
      }
      return;
    }
    boolean v2beta1 = choice.version().equals(DiscoveryNegotiation.V2BETA1);
    boolean pretty = choice.pretty() || Responses.isPrettyPrint(exchange);
    byte[] bytes;
    if (choice.essence().equals(Responses.APPLICATION_JSON) && !pretty) {
      bytes = v2beta1 ? current.v2beta1Json() : current.v2Json();
    } else {
      APIGroupDiscoveryList document = v2beta1 ? asV2beta1(current.document()) : current.document();
      ApiCodec codec =
          choice.essence().equals(Responses.APPLICATION_JSON) ? ApiCodec.json() : ApiCodec.yaml();
      bytes = pretty ? codec.encodePretty(document) : codec.encode(document);
    }
    Responses.writeBytes(exchange, 200, choice.contentType(), bytes);
  }

  private static APIGroupDiscoveryList asV2beta1(APIGroupDiscoveryList document) {
    return new APIGroupDiscoveryList(
        APIGroupDiscoveryList.KIND,
        "apidiscovery.k8s.io/v2beta1",
        ListMeta.empty(),
        document.items());
  }

  private Rendered render() {
    Rendered current = rendered;
    if (current != null) {
      return current;
    }
    synchronized (lock) {
      current = rendered;
      if (current == null) {
        APIGroupDiscoveryList document = APIGroupDiscoveryList.of(orderedGroupsLocked());
        byte[] json = ApiCodec.json().encode(document);
        current =
            new Rendered(document, json, ApiCodec.json().encode(asV2beta1(document)), sha512(json));
        rendered = current;
      }
      return current;
    }
  }

  /** Upstream's {@code calculateAPIGroupsLocked}. */
  private List<APIGroupDiscovery> orderedGroupsLocked() {
    Map<String, Map<String, Chosen>> byName = new TreeMap<>();
    for (Map.Entry<GroupKey, List<APIVersionDiscovery>> e : groups.entrySet()) {
      Source source = e.getKey().source();
      Map<String, Chosen> versions =
          byName.computeIfAbsent(e.getKey().group(), g -> new HashMap<>());
      for (APIVersionDiscovery version : e.getValue()) {
        Chosen chosen = versions.get(version.version());
        if (chosen == null || source.ordinal() < chosen.source().ordinal()) {
          versions.put(version.version(), new Chosen(source, version));
        }
      }
    }
    record Ordered(String name, int priority, List<APIVersionDiscovery> versions) {}
    List<Ordered> ordered = new ArrayList<>();
    for (Map.Entry<String, Map<String, Chosen>> e : byName.entrySet()) {
      String group = e.getKey();
      List<Chosen> chosen = new ArrayList<>(e.getValue().values());
      chosen.sort(
          (a, b) -> {
            int pa = versionPriority(a, group);
            int pb = versionPriority(b, group);
            return pa != pb
                ? Integer.compare(pb, pa)
                : KubeVersionComparator.INSTANCE.compare(
                    a.version().version(), b.version().version());
          });
      int groupPriority = 0;
      boolean first = true;
      List<APIVersionDiscovery> versions = new ArrayList<>();
      for (Chosen c : chosen) {
        versions.add(c.version());
        Priority p = priorities.get(new VersionKey(c.source(), group, c.version().version()));
        if (p != null && (first || p.groupPriorityMinimum() > groupPriority)) {
          groupPriority = p.groupPriorityMinimum();
          first = false;
        }
      }
      ordered.add(new Ordered(group, groupPriority, versions));
    }
    ordered.sort(
        (a, b) ->
            a.priority() != b.priority()
                ? Integer.compare(b.priority(), a.priority())
                : a.name().compareTo(b.name()));
    List<APIGroupDiscovery> items = new ArrayList<>();
    for (Ordered o : ordered) {
      items.add(APIGroupDiscovery.of(o.name(), o.versions()));
    }
    return items;
  }

  private int versionPriority(Chosen chosen, String group) {
    Priority p = priorities.get(new VersionKey(chosen.source(), group, chosen.version().version()));
    return p == null ? 0 : p.versionPriority();
  }

  private static String sha512(byte[] bytes) {
    try {
      return UPPER_HEX.formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required by every Java platform", e);
    }
  }
}
