package io.kapi.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestInfoResolverTest {
  private final RequestInfoResolver resolver = new RequestInfoResolver();

  private static Map<String, Deque<String>> query(String... kv) {
    Map<String, Deque<String>> q = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      q.computeIfAbsent(kv[i], k -> new ArrayDeque<>()).add(kv[i + 1]);
    }
    return q;
  }

  private RequestInfo resolve(String method, String path, String... query) {
    return resolver.resolve(method, path, query(query));
  }

  @Test
  void namespacedCollectionGetIsList() {
    RequestInfo info = resolve("GET", "/api/v1/namespaces/default/pods");
    assertThat(info.resourceRequest()).isTrue();
    assertThat(info.verb()).isEqualTo("list");
    assertThat(info.apiPrefix()).isEqualTo("api");
    assertThat(info.apiGroup()).isEmpty();
    assertThat(info.apiVersion()).isEqualTo("v1");
    assertThat(info.namespace()).isEqualTo("default");
    assertThat(info.resource()).isEqualTo("pods");
    assertThat(info.name()).isEmpty();
    assertThat(info.parts()).containsExactly("pods");
  }

  @Test
  void watchParameterMakesAWatchUnlessFalse() {
    assertThat(resolve("GET", "/api/v1/pods", "watch", "true").verb()).isEqualTo("watch");
    assertThat(resolve("GET", "/api/v1/pods", "watch", "1").verb()).isEqualTo("watch");
    assertThat(resolve("GET", "/api/v1/pods", "watch", "false").verb()).isEqualTo("list");
    assertThat(resolve("GET", "/api/v1/pods", "watch", "0").verb()).isEqualTo("list");
  }

  @Test
  void namedRequestsMapMethodsToVerbs() {
    String path = "/apis/apps/v1/namespaces/ns1/deployments/web";
    assertThat(resolve("GET", path).verb()).isEqualTo("get");
    assertThat(resolve("PUT", path).verb()).isEqualTo("update");
    assertThat(resolve("PATCH", path).verb()).isEqualTo("patch");
    assertThat(resolve("DELETE", path).verb()).isEqualTo("delete");
    RequestInfo info = resolve("GET", path);
    assertThat(info.apiGroup()).isEqualTo("apps");
    assertThat(info.name()).isEqualTo("web");
    assertThat(info.namespace()).isEqualTo("ns1");
  }

  @Test
  void collectionPostIsCreateAndDeleteIsDeleteCollection() {
    assertThat(resolve("POST", "/api/v1/namespaces/default/configmaps").verb()).isEqualTo("create");
    assertThat(resolve("DELETE", "/api/v1/namespaces/default/configmaps").verb())
        .isEqualTo("deletecollection");
  }

  @Test
  void subresourceIsResolved() {
    RequestInfo info = resolve("PUT", "/api/v1/namespaces/default/pods/p1/status");
    assertThat(info.subresource()).isEqualTo("status");
    assertThat(info.name()).isEqualTo("p1");
  }

  @Test
  void namespaceItselfIsTheNamespacesResource() {
    RequestInfo info = resolve("GET", "/api/v1/namespaces/kube-system");
    assertThat(info.resource()).isEqualTo("namespaces");
    assertThat(info.name()).isEqualTo("kube-system");
    assertThat(info.namespace()).isEqualTo("kube-system");
    assertThat(info.verb()).isEqualTo("get");
    RequestInfo status = resolve("PUT", "/api/v1/namespaces/kube-system/status");
    assertThat(status.resource()).isEqualTo("namespaces");
    assertThat(status.subresource()).isEqualTo("status");
  }

  @Test
  void groupVersionAndShortPathsAreNonResource() {
    for (String path : List.of("/apis/apps/v1", "/apis/apps", "/api", "/api/v1", "/healthz", "/")) {
      RequestInfo info = resolve("GET", path);
      assertThat(info.resourceRequest()).as(path).isFalse();
      assertThat(info.verb()).as(path).isEqualTo("get");
    }
  }

  @Test
  void fieldSelectorOnNameFillsTheName() {
    RequestInfo info =
        resolve("GET", "/api/v1/namespaces/default/pods", "fieldSelector", "metadata.name=p1");
    assertThat(info.verb()).isEqualTo("list");
    assertThat(info.name()).isEqualTo("p1");
  }

  @Test
  void legacyWatchPrefixIsAWatch() {
    RequestInfo info = resolve("GET", "/api/v1/watch/namespaces/default/pods");
    assertThat(info.verb()).isEqualTo("watch");
    assertThat(info.resource()).isEqualTo("pods");
  }

  @Test
  void canonicalVerbNamesListWatchAndApply() {
    assertThat(CanonicalVerb.of("GET", resolve("GET", "/api/v1/pods"), null)).isEqualTo("LIST");
    assertThat(CanonicalVerb.of("GET", resolve("GET", "/api/v1/pods", "watch", "true"), null))
        .isEqualTo("WATCH");
    assertThat(CanonicalVerb.of("GET", resolve("GET", "/version"), null)).isEqualTo("GET");
    assertThat(
            CanonicalVerb.of(
                "PATCH", resolve("PATCH", "/api/v1/namespaces/d/pods/p"), "application/apply-patch+yaml"))
        .isEqualTo("APPLY");
    assertThat(CanonicalVerb.of("DELETE", resolve("DELETE", "/api/v1/namespaces/d/pods"), null))
        .isEqualTo("DELETECOLLECTION");
  }
}
