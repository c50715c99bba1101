package io.kapi.server.request;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Splitter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a {@link RequestInfo} from a method, path and query the way kube-apiserver does
 * (k8s-behaviour.md §7.1): {@code /api/v1/...} and {@code /apis/<group>/<version>/...} are resource
 * requests when at least one segment follows the version; verbs come from the method, with
 * {@code list}/{@code watch}/{@code deletecollection} for collection requests.
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestInfoResolver {
  private static final Splitter SLASH = Splitter.on('/').omitEmptyStrings();
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  private final Set<String> apiPrefixes;
  private final Set<String> groupLessPrefixes;

  /** The resolver of a Kubernetes API server: prefixes {@code api} (group-less) and {@code apis}. */
  public RequestInfoResolver() {
    this(Set.of("api", "apis"), Set.of("api"));
  }

  RequestInfoResolver(Set<String> apiPrefixes, Set<String> groupLessPrefixes) {
    this.apiPrefixes = Set.copyOf(apiPrefixes);
    this.groupLessPrefixes = Set.copyOf(groupLessPrefixes);
  }

  /**
   * Resolves the request.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param path the decoded request path, e.g. {@code /api/v1/namespaces/default/pods}
   * @param query the query parameters (only {@code watch} and {@code fieldSelector} are read)
   */
  public RequestInfo resolve(String method, String path, Map<String, Deque<String>> query) {
    checkNotNull(method, "method");
    checkNotNull(path, "path");
    checkNotNull(query, "query");
    String lowerMethod = method.toLowerCase(java.util.Locale.ROOT);
    List<String> parts = SLASH.splitToList(path);
    if (parts.size() < 3 || !apiPrefixes.contains(parts.get(0))) {
      return RequestInfo.nonResource(path, lowerMethod);
    }
    String apiPrefix = parts.get(0);
    int i = 1;
    String group = "";
    if (!groupLessPrefixes.contains(apiPrefix)) {
      group = parts.get(i++);
    }
    if (i >= parts.size()) {
      return RequestInfo.nonResource(path, lowerMethod);
    }
    String version = parts.get(i++);
    List<String> rest = new ArrayList<>(parts.subList(i, parts.size()));
    if (rest.isEmpty()) {
      return RequestInfo.nonResource(path, lowerMethod);
    }

    String verb = verbOf(method);
    // legacy /watch/ and /proxy/ path prefixes
    if (!rest.isEmpty() && (rest.get(0).equals("watch") || rest.get(0).equals("proxy"))) {
      String special = rest.remove(0);
      verb = special.equals("watch") ? "watch" : "proxy";
      if (rest.isEmpty()) {
        return RequestInfo.nonResource(path, lowerMethod);
      }
    }

    String namespace = "";
    if (rest.get(0).equals("namespaces")) {
      if (rest.size() > 1) {
        namespace = rest.get(1);
        // /namespaces/<ns> is the namespace itself; /namespaces/<ns>/<sub> may be its subresource
        if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
          rest = rest.subList(2, rest.size());
        }
      }
    }

    String resource = rest.get(0);
    String name = rest.size() >= 2 ? rest.get(1) : "";
    String subresource = rest.size() >= 3 && !verb.equals("proxy") ? rest.get(2) : "";
    if (resource.equals("namespaces") && !name.isEmpty()) {
      namespace = name;
    } else if (resource.equals("namespaces")) {
      namespace = "";
    }

    if (name.isEmpty()) {
      String fieldName = nameFromFieldSelector(query);
      boolean isCollection = true;
      if (verb.equals("get")) {
        verb = isWatch(query) ? "watch" : "list";
      } else if (verb.equals("delete")) {
        verb = "deletecollection";
      } else {
        isCollection = false;
      }
      if (isCollection && !fieldName.isEmpty() && !verb.equals("deletecollection")) {
        name = fieldName;
      }
    }
    return new RequestInfo(
        true, path, verb, apiPrefix, group, version, namespace, resource, subresource, name,
        rest);
  }

  private static String verbOf(String method) {
    switch (method) {
      case "POST":
        return "create";
      case "GET":
      case "HEAD":
        return "get";
      case "PUT":
        return "update";
      case "PATCH":
        return "patch";
      case "DELETE":
        return "delete";
      default:
        return method.toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static boolean isWatch(Map<String, Deque<String>> query) {
    Deque<String> watch = query.get("watch");
    if (watch == null || watch.isEmpty()) {
      return false;
    }
    String value = watch.peekFirst().toLowerCase(java.util.Locale.ROOT);
    return !value.equals("false") && !value.equals("0");
  }

  private static String nameFromFieldSelector(Map<String, Deque<String>> query) {
    Deque<String> selectors = query.get("fieldSelector");
    if (selectors == null || selectors.isEmpty()) {
      return "";
    }
    for (String term : Splitter.on(',').split(selectors.peekFirst())) {
      String t = term.trim();
      for (String op : new String[] {"metadata.name==", "metadata.name="}) {
        if (t.startsWith(op)) {
          return t.substring(op.length());
        }
      }
    }
    return "";
  }
}
