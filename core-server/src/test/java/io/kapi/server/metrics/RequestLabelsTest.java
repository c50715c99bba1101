package io.kapi.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.request.RequestInfo;
import io.kapi.server.request.RequestInfoResolver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RequestLabelsTest {
  private static final RequestInfoResolver RESOLVER = new RequestInfoResolver();

  /** Labels of {@code method pathAndQuery} as the request metrics filter computes them. */
  private static RequestLabels labels(String method, String pathAndQuery) {
    return labels(method, pathAndQuery, null);
  }

  private static RequestLabels labels(
      String method, String pathAndQuery, @Nullable String contentType) {
    Map<String, Deque<String>> query = query(pathAndQuery);
    return RequestLabels.of(method, info(method, pathAndQuery), query, contentType);
  }

  private static RequestInfo info(String method, String pathAndQuery) {
    return RESOLVER.resolve(method, pathAndQuery.split("\\?", 2)[0], query(pathAndQuery));
  }

  private static Map<String, Deque<String>> query(String pathAndQuery) {
    Map<String, Deque<String>> query = new LinkedHashMap<>();
    String[] split = pathAndQuery.split("\\?", 2);
    if (split.length == 2) {
      for (String pair : split[1].split("&")) {
        String[] kv = pair.split("=", 2);
        query.computeIfAbsent(kv[0], k -> new ArrayDeque<>()).add(kv.length == 2 ? kv[1] : "");
      }
    }
    return query;
  }

  private static RequestLabels expected(
      String verb,
      String group,
      String version,
      String resource,
      String subresource,
      String scope) {
    return new RequestLabels(verb, "", group, version, resource, subresource, scope, "apiserver");
  }

  @Test
  void namespacedListIsListWithNamespaceScope() {
    assertThat(labels("GET", "/api/v1/namespaces/default/pods"))
        .isEqualTo(expected("LIST", "", "v1", "pods", "", "namespace"));
  }

  @Test
  void listAcrossNamespacesHasClusterScope() {
    assertThat(labels("GET", "/api/v1/pods"))
        .isEqualTo(expected("LIST", "", "v1", "pods", "", "cluster"));
    assertThat(labels("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles"))
        .isEqualTo(
            expected("LIST", "rbac.authorization.k8s.io", "v1", "clusterroles", "", "cluster"));
  }

  @Test
  void getOfAnObjectHasResourceScope() {
    assertThat(labels("GET", "/apis/apps/v1/namespaces/default/deployments/web"))
        .isEqualTo(expected("GET", "apps", "v1", "deployments", "", "resource"));
    assertThat(labels("HEAD", "/apis/apps/v1/namespaces/default/deployments/web"))
        .isEqualTo(expected("GET", "apps", "v1", "deployments", "", "resource"));
  }

  @Test
  void namespaceItselfIsAResource() {
    assertThat(labels("GET", "/api/v1/namespaces/default"))
        .isEqualTo(expected("GET", "", "v1", "namespaces", "", "resource"));
    assertThat(labels("PUT", "/api/v1/namespaces/default/finalize"))
        .isEqualTo(expected("PUT", "", "v1", "namespaces", "finalize", "resource"));
  }

  @Test
  void createIsPostWithResourceScope() {
    assertThat(labels("POST", "/api/v1/namespaces/default/pods"))
        .isEqualTo(expected("POST", "", "v1", "pods", "", "resource"));
  }

  @Test
  void updatesPatchesAndDeletesKeepTheirMethod() {
    assertThat(labels("PUT", "/api/v1/namespaces/default/pods/web/status"))
        .isEqualTo(expected("PUT", "", "v1", "pods", "status", "resource"));
    assertThat(
            labels("PATCH", "/api/v1/namespaces/default/pods/web", "application/merge-patch+json"))
        .isEqualTo(expected("PATCH", "", "v1", "pods", "", "resource"));
    assertThat(labels("DELETE", "/api/v1/namespaces/default/pods/web"))
        .isEqualTo(expected("DELETE", "", "v1", "pods", "", "resource"));
  }

  @Test
  void collectionDeleteIsDeleteWithCollectionScopeAsUpstreamReportsIt() {
    assertThat(info("DELETE", "/api/v1/namespaces/default/pods").verb())
        .isEqualTo("deletecollection");
    assertThat(labels("DELETE", "/api/v1/namespaces/default/pods"))
        .isEqualTo(expected("DELETE", "", "v1", "pods", "", "namespace"));
  }

  @Test
  void serverSideApplyIsApplyOnlyForTheExactApplyContentType() {
    assertThat(
            labels("PATCH", "/api/v1/namespaces/default/pods/web", "application/apply-patch+yaml"))
        .isEqualTo(expected("APPLY", "", "v1", "pods", "", "resource"));
    assertThat(
            labels(
                    "PATCH",
                    "/api/v1/namespaces/default/pods/web",
                    "application/apply-patch+yaml; charset=utf-8")
                .verb())
        .isEqualTo("PATCH");
  }

  @Test
  void watchParameterMakesAWatch() {
    assertThat(labels("GET", "/api/v1/namespaces/default/pods?watch=true"))
        .isEqualTo(expected("WATCH", "", "v1", "pods", "", "namespace"));
    assertThat(labels("GET", "/api/v1/pods?watch=1&resourceVersion=10"))
        .isEqualTo(expected("WATCH", "", "v1", "pods", "", "cluster"));
    assertThat(labels("GET", "/api/v1/pods?watch=false").verb()).isEqualTo("LIST");
    assertThat(labels("GET", "/api/v1/pods?watch=0").verb()).isEqualTo("LIST");
  }

  @Test
  void legacyWatchPathIsAWatch() {
    assertThat(labels("GET", "/api/v1/watch/namespaces/default/pods"))
        .isEqualTo(expected("WATCH", "", "v1", "pods", "", "namespace"));
    assertThat(labels("GET", "/api/v1/watch/namespaces/default/pods/web"))
        .isEqualTo(expected("WATCH", "", "v1", "pods", "", "resource"));
  }

  @Test
  void nameFromFieldSelectorKeepsTheRouteScopeButCleanScopeSeesIt() {
    String decoded = "/api/v1/namespaces/default/pods?fieldSelector=metadata.name=web";
    assertThat(info("GET", decoded).name()).isEqualTo("web");
    assertThat(labels("GET", decoded))
        .isEqualTo(expected("LIST", "", "v1", "pods", "", "namespace"));
    RequestLabels watch =
        RequestLabels.ofCleanScope(
            "GET", info("GET", decoded + "&watch=true"), query(decoded + "&watch=true"), null);
    assertThat(watch).isEqualTo(expected("WATCH", "", "v1", "pods", "", "resource"));
  }

  @Test
  void connectSubresourcesAreConnect() {
    assertThat(labels("GET", "/api/v1/namespaces/default/pods/web/log"))
        .isEqualTo(expected("CONNECT", "", "v1", "pods", "log", "resource"));
    assertThat(labels("POST", "/api/v1/namespaces/default/pods/web/exec?command=ls"))
        .isEqualTo(expected("CONNECT", "", "v1", "pods", "exec", "resource"));
  }

  @Test
  void ownEndpointsKeepTheirPathOtherNonResourcePathsNone() {
    assertThat(labels("GET", "/version")).isEqualTo(expected("GET", "", "", "", "/version", ""));
    assertThat(labels("GET", "/healthz")).isEqualTo(expected("GET", "", "", "", "/healthz", ""));
    assertThat(labels("HEAD", "/readyz")).isEqualTo(expected("GET", "", "", "", "/readyz", ""));
    assertThat(labels("GET", "/apis")).isEqualTo(expected("GET", "", "", "", "/apis", ""));
    assertThat(labels("GET", "/apis/apps/v1")).isEqualTo(expected("GET", "", "", "", "", ""));
    assertThat(labels("GET", "/healthz/ping")).isEqualTo(expected("GET", "", "", "", "", ""));
    assertThat(labels("GET", "/some/user/chosen/path"))
        .isEqualTo(expected("GET", "", "", "", "", ""));
  }

  @Test
  void unknownMethodsAreOther() {
    assertThat(labels("OPTIONS", "/api/v1/pods").verb()).isEqualTo("other");
    assertThat(labels("BREW", "/version").verb()).isEqualTo("other");
    assertThat(labels("TRACE", "/version").verb()).isEqualTo("other");
  }

  @Test
  void dryRunIsAllInvalidOrEmpty() {
    assertThat(labels("POST", "/api/v1/namespaces/default/pods").dryRun()).isEmpty();
    assertThat(labels("POST", "/api/v1/namespaces/default/pods?dryRun=All").dryRun())
        .isEqualTo("All");
    assertThat(labels("POST", "/api/v1/namespaces/default/pods?dryRun=All&dryRun=All").dryRun())
        .isEqualTo("All");
    assertThat(labels("POST", "/api/v1/namespaces/default/pods?dryRun=all").dryRun())
        .isEqualTo("invalid");
    assertThat(labels("POST", "/api/v1/namespaces/default/pods?dryRun=All&dryRun=x").dryRun())
        .isEqualTo("invalid");
    assertThat(labels("POST", "/api/v1/namespaces/default/pods?dryRun=").dryRun())
        .isEqualTo("invalid");
  }

  @Test
  void scopesOfRequestInfoValues() {
    RequestInfo list =
        new RequestInfo(
            true,
            "/apis/g/v1/namespaces/ns/things",
            "list",
            "apis",
            "g",
            "v1",
            "ns",
            "things",
            "",
            "",
            List.of("things"));
    RequestInfo get =
        new RequestInfo(
            true,
            "/apis/g/v1/things/a",
            "get",
            "apis",
            "g",
            "v1",
            "",
            "things",
            "",
            "a",
            List.of("things", "a"));
    RequestInfo create =
        new RequestInfo(
            true,
            "/apis/g/v1/namespaces/ns/things",
            "create",
            "apis",
            "g",
            "v1",
            "ns",
            "things",
            "",
            "",
            List.of("things"));
    RequestInfo clusterWatch =
        new RequestInfo(
            true,
            "/apis/g/v1/things",
            "watch",
            "apis",
            "g",
            "v1",
            "",
            "things",
            "",
            "",
            List.of("things"));
    RequestInfo nonResource = RequestInfo.nonResource("/version", "get");
    assertThat(RequestLabels.routeScope(list)).isEqualTo("namespace");
    assertThat(RequestLabels.routeScope(get)).isEqualTo("resource");
    assertThat(RequestLabels.routeScope(create)).isEqualTo("resource");
    assertThat(RequestLabels.routeScope(clusterWatch)).isEqualTo("cluster");
    assertThat(RequestLabels.routeScope(nonResource)).isEmpty();
    assertThat(RequestLabels.cleanScope(list)).isEqualTo("namespace");
    assertThat(RequestLabels.cleanScope(get)).isEqualTo("resource");
    assertThat(RequestLabels.cleanScope(create)).isEqualTo("resource");
    assertThat(RequestLabels.cleanScope(clusterWatch)).isEqualTo("cluster");
    assertThat(RequestLabels.cleanScope(nonResource)).isEmpty();
  }

  @Test
  void responseSizesAreRecordedForReadsOnly() {
    assertThat(isRead("GET", "/api/v1/pods")).isTrue();
    assertThat(isRead("GET", "/api/v1/namespaces/default/pods/web")).isTrue();
    assertThat(isRead("HEAD", "/version")).isTrue();
    assertThat(isRead("GET", "/api/v1/pods?watch=true")).isTrue();
    assertThat(isRead("GET", "/api/v1/watch/pods")).isFalse();
    assertThat(isRead("GET", "/api/v1/namespaces/default/pods/web/log")).isFalse();
    assertThat(isRead("POST", "/api/v1/namespaces/default/pods")).isFalse();
    assertThat(isRead("DELETE", "/api/v1/namespaces/default/pods/web")).isFalse();
  }

  private static boolean isRead(String method, String pathAndQuery) {
    return RequestLabels.isRead(method, info(method, pathAndQuery), query(pathAndQuery));
  }
}
