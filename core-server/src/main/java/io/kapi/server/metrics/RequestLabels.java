package io.kapi.server.metrics;

import io.kapi.server.request.RequestInfo;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The label values that kube-apiserver's request metrics carry for one request ({@code
 * AS/pkg/endpoints/metrics/metrics.go}): every value is cleaned into a bounded set, so no client
 * can create series at will.
 *
 * <ul>
 *   <li>{@code verb}: the upper-case method, {@code GET}/{@code HEAD} on a collection as {@code
 *       LIST}, {@code WATCH} for watches, {@code APPLY} for server-side apply, {@code CONNECT} for
 *       the connect subresources; anything else outside upstream's list is {@code other}. Like
 *       upstream's {@code MonitorRequest}, a collection delete reports {@code DELETE} (its scope
 *       tells it apart), not {@code DELETECOLLECTION}.
 *   <li>{@code dry_run}: {@code ""}, {@code All}, or {@code invalid}.
 *   <li>{@code scope}: see {@link #routeScope} and {@link #cleanScope}.
 *   <li>{@code group}, {@code version}, {@code resource}, {@code subresource}: from the {@link
 *       RequestInfo} of a resource request. Non-resource requests carry none of them, except that
 *       the server's own fixed endpoints ({@code /version}, {@code /healthz}, {@code /metrics}...)
 *       put their path in {@code subresource}, as upstream does for its instrumented health
 *       endpoints. Other paths (discovery of a group, unknown paths) report {@code ""}.
 * </ul>
 */
record RequestLabels(
    String verb,
    String dryRun,
    String group,
    String version,
    String resource,
    String subresource,
    String scope,
    String component) {

  /** The {@code component} label of requests served by this server. */
  static final String COMPONENT = "apiserver";

  /** The verb label of methods upstream does not report by name. */
  static final String OTHER_VERB = "other";

  /** The content type that makes a PATCH an {@code APPLY}, compared exactly as upstream does. */
  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  /** Upstream's {@code validRequestMethods}. */
  private static final Set<String> REPORTED_VERBS =
      Set.of(
          "APPLY",
          "CONNECT",
          "CREATE",
          "DELETE",
          "DELETECOLLECTION",
          "GET",
          "LIST",
          "PATCH",
          "POST",
          "PROXY",
          "PUT",
          "UPDATE",
          "WATCH",
          "WATCHLIST");

  /** Upstream's {@code validConnectRequests}: subresources whose requests are {@code CONNECT}. */
  private static final Set<String> CONNECT_SUBRESOURCES =
      Set.of("log", "exec", "portforward", "attach", "proxy");

  /** Non-resource paths that keep their path as {@code subresource}: the server's own endpoints. */
  private static final Set<String> NAMED_PATHS =
      Set.of(
          "/",
          "/version",
          "/metrics",
          "/healthz",
          "/livez",
          "/readyz",
          "/api",
          "/apis",
          "/openapi/v2",
          "/openapi/v3");

  /**
   * The labels of a request, as {@code apiserver_request_total} reports it.
   *
   * @param method the HTTP method
   * @param info what the request is about
   * @param query the decoded query parameters ({@code watch} and {@code dryRun} are read)
   * @param contentType the request's {@code Content-Type}, if any
   */
  static RequestLabels of(
      String method,
      RequestInfo info,
      Map<String, Deque<String>> query,
      @Nullable String contentType) {
    return of(method, info, query, contentType, routeScope(info));
  }

  /**
   * The labels of a request as upstream's long-running gauge and termination counter report it: the
   * same as {@link #of} but with {@link #cleanScope}.
   */
  static RequestLabels ofCleanScope(
      String method,
      RequestInfo info,
      Map<String, Deque<String>> query,
      @Nullable String contentType) {
    return of(method, info, query, contentType, cleanScope(info));
  }

  private static RequestLabels of(
      String method,
      RequestInfo info,
      Map<String, Deque<String>> query,
      @Nullable String contentType,
      String scope) {
    String verb = verb(method, info, scope, query, contentType);
    String dryRun = dryRun(query);
    if (info.resourceRequest()) {
      return new RequestLabels(
          verb,
          dryRun,
          info.apiGroup(),
          info.apiVersion(),
          info.resource(),
          info.subresource(),
          scope,
          COMPONENT);
    }
    String subresource = NAMED_PATHS.contains(info.path()) ? info.path() : "";
    return new RequestLabels(verb, dryRun, "", "", "", subresource, scope, COMPONENT);
  }

  /**
   * The scope of the route that serves the request, as upstream's installer labels it: {@code
   * resource} when the path names an object (or the request creates one), {@code namespace} for a
   * collection in a namespace, {@code cluster} for a cluster-wide collection, {@code ""} for
   * non-resource requests. A name that only a {@code fieldSelector} gives does not make a list a
   * {@code resource} request here.
   */
  static String routeScope(RequestInfo info) {
    if (!info.resourceRequest()) {
      return "";
    }
    boolean namedInPath = info.parts().size() >= 2;
    if (namedInPath || info.verb().equals("create")) {
      return "resource";
    }
    return info.namespace().isEmpty() ? "cluster" : "namespace";
  }

  /**
   * Upstream's {@code CleanScope}: {@code resource} when the request has a name (also one taken
   * from {@code fieldSelector=metadata.name=...}) or creates, else {@code namespace} when it has a
   * namespace, else {@code cluster} for resource requests and {@code ""} for the rest.
   */
  static String cleanScope(RequestInfo info) {
    if (!info.name().isEmpty() || info.verb().equals("create")) {
      return "resource";
    }
    if (!info.namespace().isEmpty()) {
      return "namespace";
    }
    return info.resourceRequest() ? "cluster" : "";
  }

  /** The reported verb (upstream's {@code CanonicalVerb} then {@code cleanVerb}). */
  static String verb(
      String method,
      RequestInfo info,
      String scope,
      Map<String, Deque<String>> query,
      @Nullable String contentType) {
    String upper = method.toUpperCase(Locale.ROOT);
    if (isLegacyWatch(info, query)) {
      return "WATCH";
    }
    String verb = upper;
    if (upper.equals("GET") || upper.equals("HEAD")) {
      verb = scope.equals("resource") || scope.isEmpty() ? "GET" : "LIST";
    }
    if (upper.equals("GET") && isWatch(query)) {
      verb = "WATCH";
    }
    if (upper.equals("PATCH") && APPLY_PATCH.equals(contentType)) {
      verb = "APPLY";
    }
    if (isConnect(info)) {
      verb = "CONNECT";
    }
    return REPORTED_VERBS.contains(verb) ? verb : OTHER_VERB;
  }

  /**
   * Whether upstream reports the response size of the request: reads (GET and HEAD, object or
   * collection, including a list turned into a watch by {@code ?watch=}), but not connect
   * subresources nor watches of the legacy {@code /watch/} paths.
   */
  static boolean isRead(String method, RequestInfo info, Map<String, Deque<String>> query) {
    String upper = method.toUpperCase(Locale.ROOT);
    return (upper.equals("GET") || upper.equals("HEAD"))
        && !isConnect(info)
        && !isLegacyWatch(info, query);
  }

  /** Upstream's {@code cleanDryRun}: absent is {@code ""}, only {@code All} is valid. */
  static String dryRun(Map<String, Deque<String>> query) {
    Deque<String> values = query.get("dryRun");
    if (values == null || values.isEmpty()) {
      return "";
    }
    for (String value : values) {
      if (!value.equals("All")) {
        return "invalid";
      }
    }
    return "All";
  }

  /** Whether the same request without any resource labels would be counted the same. */
  boolean hasResource() {
    return !group.isEmpty() || !version.isEmpty() || !resource.isEmpty();
  }

  /** A resource watch whose verb comes from a {@code /watch/} path, not from {@code ?watch=}. */
  private static boolean isLegacyWatch(RequestInfo info, Map<String, Deque<String>> query) {
    return info.resourceRequest() && info.verb().equals("watch") && !isWatch(query);
  }

  private static boolean isConnect(RequestInfo info) {
    return info.resourceRequest() && CONNECT_SUBRESOURCES.contains(info.subresource());
  }

  /** {@code ?watch=} set to anything but {@code 0} or {@code false} (first value, any case). */
  private static boolean isWatch(Map<String, Deque<String>> query) {
    Deque<String> values = query.get("watch");
    if (values == null || values.isEmpty()) {
      return false;
    }
    String value = values.peekFirst().toLowerCase(Locale.ROOT);
    return !value.equals("0") && !value.equals("false");
  }
}
