package io.kapi.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NamespaceLifecycleOverHttpTest {
  private CoreApi api;

  @BeforeEach
  void start() {
    api = new CoreApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private void createNamespace(String name) throws Exception {
    api.create(
        "/api/v1/namespaces",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
  }

  private JsonNode createConfigMap(String namespace, String name, String finalizers)
      throws Exception {
    return api.create(
        "/api/v1/namespaces/" + namespace + "/configmaps",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
            + name
            + "\",\"finalizers\":"
            + finalizers
            + "},\"data\":{\"k\":\"v\"}}");
  }

  private void createSecret(String namespace, String name, String type) throws Exception {
    api.create(
        "/api/v1/namespaces/" + namespace + "/secrets",
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\""
            + name
            + "\"},\"type\":\""
            + type
            + "\",\"stringData\":{\"k\":\"v\"}}");
  }

  private void createPod(String namespace, String name, String nodeName) throws Exception {
    api.create(
        "/api/v1/namespaces/" + namespace + "/pods",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
            + name
            + "\"},\"spec\":{\"nodeName\":\""
            + nodeName
            + "\",\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}");
  }

  private static List<String> names(HttpResponse<String> list) {
    List<String> out = new ArrayList<>();
    CoreApi.json(list.body())
        .path("items")
        .forEach(i -> out.add(i.path("metadata").path("name").asString()));
    return out;
  }

  @Test
  void deletingNamespaceTerminatesItThenRemovesContentAndNamespace() throws Exception {
    createNamespace("team-a");
    createConfigMap("team-a", "settings", "[]");
    createSecret("team-a", "token", "Opaque");
    createPod("team-a", "web", "node-1");

    HttpResponse<String> deleted = api.delete("/api/v1/namespaces/team-a");

    assertThat(deleted.statusCode()).isEqualTo(200);
    JsonNode namespace = CoreApi.json(deleted.body());
    assertThat(namespace.path("kind").asString()).isEqualTo("Namespace");
    assertThat(namespace.path("metadata").path("deletionTimestamp").isString()).isTrue();
    assertThat(namespace.path("status").path("phase").asString()).isEqualTo("Terminating");
    assertThat(namespace.path("spec").path("finalizers").toString()).isEqualTo("[\"kubernetes\"]");
    api.await("/api/v1/namespaces/team-a", r -> r.statusCode() == 404);
    for (String resource : List.of("configmaps", "secrets", "pods")) {
      HttpResponse<String> list = api.get("/api/v1/namespaces/team-a/" + resource);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(names(list)).as(resource).isEmpty();
    }
    assertThat(api.storage.get("/registry/namespaces/team-a")).isEmpty();
    assertThat(api.storage.get("/registry/configmaps/team-a/settings")).isEmpty();
    assertThat(api.storage.get("/registry/secrets/team-a/token")).isEmpty();
    assertThat(api.storage.get("/registry/pods/team-a/web")).isEmpty();
  }

  @Test
  void createInTerminatingNamespaceIsForbiddenWhileUpdatesStillWork() throws Exception {
    createNamespace("team-b");
    JsonNode held = createConfigMap("team-b", "held", "[\"example.com/hold\"]");
    assertThat(api.delete("/api/v1/namespaces/team-b").statusCode()).isEqualTo(200);
    // the held configmap keeps the namespace terminating: its content is not gone
    api.await(
        "/api/v1/namespaces/team-b",
        r -> r.body().contains("\"type\":\"NamespaceFinalizersRemaining\",\"status\":\"True\"")
            || conditionTrue(r.body(), "NamespaceFinalizersRemaining"));

    HttpResponse<String> refused =
        api.post(
            "/api/v1/namespaces/team-b/configmaps",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\"}}");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"configmaps \\\"late\\\" is forbidden: unable to create new content"
                + " in namespace team-b because it is being terminated\",\"reason\":\"Forbidden\","
                + "\"details\":{\"name\":\"late\",\"kind\":\"configmaps\",\"causes\":[{\"reason\":"
                + "\"NamespaceTerminating\",\"message\":\"namespace team-b is being terminated\","
                + "\"field\":\"metadata.namespace\"}]},\"code\":403}\n");
    HttpResponse<String> again = api.delete("/api/v1/namespaces/team-b");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(CoreApi.json(again.body()).path("message").asString())
        .isEqualTo(
            "Operation cannot be fulfilled on namespaces \"team-b\": The system is ensuring all"
                + " content is removed from this namespace.  Upon completion, this namespace will"
                + " automatically be purged by the system.");

    // an update is still allowed; releasing the finalizer lets the namespace go
    HttpResponse<String> current = api.get("/api/v1/namespaces/team-b/configmaps/held");
    assertThat(CoreApi.json(current.body()).path("metadata").path("deletionTimestamp").isString())
        .isTrue();
    String released =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"held\","
            + "\"namespace\":\"team-b\",\"uid\":\""
            + held.path("metadata").path("uid").asString()
            + "\"},\"data\":{\"k\":\"w\"}}";
    HttpResponse<String> updated = api.put("/api/v1/namespaces/team-b/configmaps/held", released);
    assertThat(updated.statusCode()).isEqualTo(200);
    api.await("/api/v1/namespaces/team-b", r -> r.statusCode() == 404);
    assertThat(names(api.get("/api/v1/namespaces/team-b/configmaps"))).isEmpty();
  }

  private static boolean conditionTrue(String namespaceJson, String type) {
    for (JsonNode c : CoreApi.json(namespaceJson).path("status").path("conditions")) {
      if (c.path("type").asString().equals(type) && c.path("status").asString().equals("True")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void finalizeSubresourceReleasesATerminatingNamespaceAtOnce() throws Exception {
    createNamespace("team-e");
    createConfigMap("team-e", "held", "[\"example.com/hold\"]");
    assertThat(api.delete("/api/v1/namespaces/team-e").statusCode()).isEqualTo(200);
    JsonNode terminating =
        CoreApi.json(
            api.await(
                    "/api/v1/namespaces/team-e",
                    r -> conditionTrue(r.body(), "NamespaceContentRemaining"))
                .body());

    HttpResponse<String> finalized =
        api.put(
            "/api/v1/namespaces/team-e/finalize",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team-e\","
                + "\"resourceVersion\":\""
                + terminating.path("metadata").path("resourceVersion").asString()
                + "\"},\"spec\":{\"finalizers\":[]}}");

    assertThat(finalized.statusCode()).as(finalized.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/team-e").statusCode()).isEqualTo(404);
  }

  @Test
  void namespaceWithoutSpecFinalizersIsDeletedAtOnce() throws Exception {
    createNamespace("team-f");
    HttpResponse<String> finalized =
        api.put(
            "/api/v1/namespaces/team-f/finalize",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team-f\","
                + "\"labels\":{\"ignored\":\"yes\"}},\"spec\":{\"finalizers\":[]}}");
    assertThat(finalized.statusCode()).as(finalized.body()).isEqualTo(200);
    JsonNode active = CoreApi.json(finalized.body());
    assertThat(active.path("spec").path("finalizers").toString()).isEqualTo("[]");
    assertThat(active.path("metadata").path("labels").has("ignored")).isFalse();
    assertThat(active.path("status").path("phase").asString()).isEqualTo("Active");

    HttpResponse<String> deleted = api.delete("/api/v1/namespaces/team-f");

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/namespaces/team-f").statusCode()).isEqualTo(404);
  }

  @Test
  void discoveryListsTheFinalizeSubresource() throws Exception {
    JsonNode v1 = CoreApi.json(api.get("/api/v1").body());
    List<String> namespaceResources = new ArrayList<>();
    for (JsonNode r : v1.path("resources")) {
      if (r.path("name").asString().startsWith("namespaces")) {
        namespaceResources.add(r.path("name").asString() + " " + r.path("verbs"));
      }
    }
    assertThat(namespaceResources)
        .containsExactly(
            "namespaces [\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\","
                + "\"update\",\"watch\"]",
            "namespaces/finalize [\"update\"]",
            "namespaces/status [\"get\",\"patch\",\"update\"]");
  }

  @Test
  void createInMissingNamespaceIsNotFound() throws Exception {
    HttpResponse<String> r =
        api.post(
            "/api/v1/namespaces/nowhere/configmaps",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\"}}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(CoreApi.json(r.body()).path("message").asString())
        .isEqualTo("namespaces \"nowhere\" not found");
  }

  @Test
  void initialNamespacesExistAndCannotBeDeleted() throws Exception {
    assertThat(names(api.get("/api/v1/namespaces")))
        .containsExactly("default", "kube-node-lease", "kube-public", "kube-system");

    HttpResponse<String> r = api.delete("/api/v1/namespaces/kube-system");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(CoreApi.json(r.body()).path("message").asString())
        .isEqualTo("namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
  }

  @Test
  void watchesSeeContentDeletedAndNamespaceTerminateThenGo() throws Exception {
    createNamespace("team-c");
    createConfigMap("team-c", "one", "[]");
    createConfigMap("team-c", "two", "[]");
    try (Watch contents = Watch.open(api, "/api/v1/namespaces/team-c/configmaps?watch=true");
        Watch namespaces =
            Watch.open(api, "/api/v1/namespaces?watch=true&fieldSelector=metadata.name%3Dteam-c")) {
      assertThat(contents.next().path("type").asString()).isEqualTo("ADDED");
      assertThat(contents.next().path("type").asString()).isEqualTo("ADDED");
      assertThat(namespaces.next().path("type").asString()).isEqualTo("ADDED");

      assertThat(api.delete("/api/v1/namespaces/team-c").statusCode()).isEqualTo(200);

      List<String> deletedConfigMaps = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        JsonNode event = contents.next();
        assertThat(event.path("type").asString()).isEqualTo("DELETED");
        deletedConfigMaps.add(event.path("object").path("metadata").path("name").asString());
      }
      assertThat(deletedConfigMaps).containsExactlyInAnyOrder("one", "two");
      JsonNode terminating = namespaces.next();
      assertThat(terminating.path("type").asString()).isEqualTo("MODIFIED");
      assertThat(terminating.path("object").path("status").path("phase").asString())
          .isEqualTo("Terminating");
      JsonNode last;
      do {
        last = namespaces.next();
      } while (last.path("type").asString().equals("MODIFIED"));
      assertThat(last.path("type").asString()).isEqualTo("DELETED");
      assertThat(last.path("object").path("metadata").path("name").asString()).isEqualTo("team-c");
    }
  }

  @Test
  void fieldSelectorsOfCoreResourcesFilterListsAndWatches() throws Exception {
    createNamespace("team-d");
    createPod("team-d", "on-one", "node-1");
    createPod("team-d", "on-two", "node-2");
    createSecret("team-d", "plain", "Opaque");
    createSecret("team-d", "tls", "kubernetes.io/tls-like");

    assertThat(names(api.get("/api/v1/namespaces/team-d/pods?fieldSelector=spec.nodeName%3Dnode-2")))
        .containsExactly("on-two");
    assertThat(
            names(
                api.get(
                    "/api/v1/pods?fieldSelector=status.phase%3DPending,spec.nodeName!%3Dnode-2")))
        .containsExactly("on-one");
    assertThat(names(api.get("/api/v1/namespaces/team-d/pods?fieldSelector=spec.restartPolicy%3DAlways")))
        .containsExactly("on-one", "on-two");
    assertThat(names(api.get("/api/v1/namespaces/team-d/secrets?fieldSelector=type%3DOpaque")))
        .containsExactly("plain");
    assertThat(names(api.get("/api/v1/namespaces?fieldSelector=status.phase%3DActive")))
        .contains("default", "team-d");
    try (Watch pods =
        Watch.open(api, "/api/v1/namespaces/team-d/pods?watch=1&fieldSelector=spec.nodeName%3Dnode-1")) {
      JsonNode first = pods.next();
      assertThat(first.path("type").asString()).isEqualTo("ADDED");
      assertThat(first.path("object").path("metadata").path("name").asString()).isEqualTo("on-one");
      createPod("team-d", "also-on-one", "node-1");
      createPod("team-d", "elsewhere", "node-3");
      JsonNode next = pods.next();
      assertThat(next.path("object").path("metadata").path("name").asString())
          .isEqualTo("also-on-one");
    }

    HttpResponse<String> unsupported =
        api.get("/api/v1/namespaces/team-d/configmaps?fieldSelector=data.k%3Dv");

    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(CoreApi.json(unsupported.body()).path("message").asString())
        .isEqualTo("field label not supported: data.k");
    HttpResponse<String> unsupportedWatch =
        api.get("/api/v1/namespaces/team-d/secrets?watch=true&fieldSelector=spec.nodeName%3Dx");
    assertThat(unsupportedWatch.statusCode()).isEqualTo(400);
    assertThat(CoreApi.json(unsupportedWatch.body()).path("message").asString())
        .isEqualTo("field label not supported: spec.nodeName");
  }

  /** A watch read line by line, one JSON event per line. */
  private static final class Watch implements AutoCloseable {
    private static final String END = "\u0000end";
    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Watch(HttpResponse<Stream<String>> response) {
      this.response = response;
      CompletableFuture.runAsync(
          () -> {
            try (Stream<String> body = response.body()) {
              body.forEach(lines::add);
            } catch (RuntimeException e) {
              // cancelled or cut
            } finally {
              lines.add(END);
            }
          });
    }

    static Watch open(CoreApi api, String path) throws Exception {
      HttpResponse<Stream<String>> response =
          api.client()
              .send(
                  HttpRequest.newBuilder(api.uri(path)).GET().build(),
                  HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      return new Watch(response);
    }

    JsonNode next() throws InterruptedException {
      String line = lines.poll(15, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("no watch event within 15 s");
      }
      if (line.equals(END)) {
        throw new AssertionError("the watch ended");
      }
      return CoreApi.json(line);
    }

    @Override
    public void close() {
      response.body().close();
    }
  }
}
