package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fabric8 client (8.x, vert.x 5 HTTP client) against the sample server started in-process,
 * configured from the kubeconfig the server writes: CRUD of core/v1 kinds, errors, selectors,
 * paging and watches over WebSocket and plain HTTP streaming.
 */
class Fabric8EndToEndTest {
  @TempDir static Path dataDir;

  private static KapiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = KapiServer.start(dataDir, "127.0.0.1", 0);
    client = Fabric8Clients.fromKubeconfig(server.kubeconfig());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  private static String namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  private static ConfigMap configMap(
      String name, Map<String, String> labels, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void configMapCreateGetUpdateEditPatchDelete() {
    String ns = namespace("crud");
    ConfigMap created =
        client
            .configMaps()
            .inNamespace(ns)
            .resource(configMap("settings", Map.of("app", "web"), Map.of("color", "red")))
            .create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();
    assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);

    ConfigMap fetched = client.configMaps().inNamespace(ns).withName("settings").get();
    assertThat(fetched.getData()).containsExactlyEntriesOf(Map.of("color", "red"));
    assertThat(fetched.getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());

    fetched.getData().put("color", "green");
    ConfigMap updated = client.configMaps().inNamespace(ns).resource(fetched).update();
    assertThat(updated.getData()).containsEntry("color", "green");
    assertThat(updated.getMetadata().getResourceVersion())
        .isNotEqualTo(created.getMetadata().getResourceVersion());
    assertThat(updated.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());

    // edit: fabric8 computes a JSON patch from the before/after objects
    ConfigMap edited =
        client
            .configMaps()
            .inNamespace(ns)
            .withName("settings")
            .edit(
                cm ->
                    new ConfigMapBuilder(cm)
                        .addToData("size", "L")
                        .editMetadata()
                        .addToLabels("tier", "front")
                        .endMetadata()
                        .build());
    assertThat(edited.getData())
        .containsExactlyInAnyOrderEntriesOf(Map.of("color", "green", "size", "L"));
    assertThat(edited.getMetadata().getLabels()).containsEntry("tier", "front");

    ConfigMap merged =
        client
            .configMaps()
            .inNamespace(ns)
            .withName("settings")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"data\":{\"size\":null,\"shape\":\"round\"}}");
    assertThat(merged.getData())
        .containsExactlyInAnyOrderEntriesOf(Map.of("color", "green", "shape", "round"));

    ConfigMap strategic =
        client
            .configMaps()
            .inNamespace(ns)
            .withName("settings")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"metadata\":{\"labels\":{\"app\":null}}}");
    assertThat(strategic.getMetadata().getLabels())
        .containsExactlyEntriesOf(Map.of("tier", "front"));

    ConfigMap jsonPatched =
        client
            .configMaps()
            .inNamespace(ns)
            .withName("settings")
            .patch(
                PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/data/color\",\"value\":\"blue\"}]");
    assertThat(jsonPatched.getData()).containsEntry("color", "blue");

    List<StatusDetails> deleted = client.configMaps().inNamespace(ns).withName("settings").delete();
    assertThat(deleted)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getName()).isEqualTo("settings");
              assertThat(d.getUid()).isEqualTo(created.getMetadata().getUid());
            });
    assertThat(client.configMaps().inNamespace(ns).withName("settings").get()).isNull();
    assertThat(client.configMaps().inNamespace(ns).withName("settings").delete()).isEmpty();
  }

  @Test
  void errorsArriveAsKubernetesClientExceptionsWithTheStatusCode() {
    String ns = namespace("errors");
    ConfigMap first =
        client
            .configMaps()
            .inNamespace(ns)
            .resource(configMap("one", Map.of(), Map.of("k", "v")))
            .create();

    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace(ns)
                    .resource(configMap("one", Map.of(), Map.of()))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
            });

    client
        .configMaps()
        .inNamespace(ns)
        .withName("one")
        .edit(cm -> new ConfigMapBuilder(cm).addToData("k", "w").build());
    // first still carries the old resourceVersion: optimistic locking rejects it
    first.getData().put("k", "stale");
    assertThatThrownBy(() -> client.configMaps().inNamespace(ns).resource(first).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
            });
    assertThat(client.configMaps().inNamespace(ns).withName("one").get().getData())
        .containsEntry("k", "w");

    assertThatThrownBy(() -> client.configMaps().inNamespace(ns).withName("missing").edit(cm -> cm))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace("no-such-namespace")
                    .resource(configMap("x", Map.of(), Map.of()))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    assertThatThrownBy(
            () ->
                client
                    .configMaps()
                    .inNamespace(ns)
                    .resource(configMap("Not_A_Name", Map.of(), Map.of()))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
            });
  }

  @Test
  void secretDataRoundTripsAsBase64() {
    String ns = namespace("secrets");
    byte[] binary = {0, 1, 2, (byte) 0xff, '\n'};
    Secret created =
        client
            .secrets()
            .inNamespace(ns)
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("creds")
                    .endMetadata()
                    .withType("Opaque")
                    .addToData(
                        "password",
                        Base64.getEncoder()
                            .encodeToString("s3cr3t".getBytes(StandardCharsets.UTF_8)))
                    .addToData("blob", Base64.getEncoder().encodeToString(binary))
                    .build())
            .create();
    assertThat(created.getType()).isEqualTo("Opaque");

    Secret fetched = client.secrets().inNamespace(ns).withName("creds").get();
    assertThat(Base64.getDecoder().decode(fetched.getData().get("password")))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("s3cr3t");
    assertThat(Base64.getDecoder().decode(fetched.getData().get("blob"))).containsExactly(binary);

    Secret edited =
        client
            .secrets()
            .inNamespace(ns)
            .withName("creds")
            .edit(s -> new SecretBuilder(s).removeFromData("blob").build());
    assertThat(edited.getData()).containsOnlyKeys("password");
    assertThat(client.secrets().inNamespace(ns).withName("creds").delete()).hasSize(1);
    assertThat(client.secrets().inNamespace(ns).withName("creds").get()).isNull();
  }

  @Test
  void podCreateLabelAndDelete() {
    String ns = namespace("pods");
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web")
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .build();
    Pod created = client.pods().inNamespace(ns).resource(pod).create();
    assertThat(created.getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.27"));
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending");

    Pod labeled =
        client
            .pods()
            .inNamespace(ns)
            .withName("web")
            .edit(
                p ->
                    new PodBuilder(p)
                        .editMetadata()
                        .addToLabels("tier", "front")
                        .endMetadata()
                        .build());
    assertThat(labeled.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "tier", "front"));

    // the default patch of fabric8 is a strategic merge: containers merge by name
    Pod patched =
        client
            .pods()
            .inNamespace(ns)
            .withName("web")
            .patch("{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}");
    assertThat(patched.getSpec().getContainers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getName()).isEqualTo("web");
              assertThat(c.getImage()).isEqualTo("nginx:1.28");
            });

    assertThat(client.pods().inNamespace(ns).withLabel("tier", "front").list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("web");
    assertThat(client.pods().inNamespace(ns).withName("web").delete()).hasSize(1);
    assertThat(client.pods().inNamespace(ns).withName("web").get()).isNull();
  }

  @Test
  void namespacesAreCreatedListedAndDeleted() {
    Namespace created =
        client
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName("scratch")
                    .addToLabels("purpose", "test")
                    .endMetadata()
                    .build())
            .create();
    assertThat(created.getStatus().getPhase()).isEqualTo("Active");
    assertThat(client.namespaces().list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system", "kube-public", "scratch");
    assertThat(client.namespaces().withLabel("purpose", "test").list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("scratch");

    assertThat(client.namespaces().withName("scratch").delete()).hasSize(1);
    Namespace after = client.namespaces().withName("scratch").get();
    // a namespace is either gone at once or terminating while its contents are removed
    if (after != null) {
      assertThat(after.getStatus().getPhase()).isEqualTo("Terminating");
      assertThat(after.getMetadata().getDeletionTimestamp()).isNotBlank();
    }
    assertThatThrownBy(() -> client.namespaces().withName("kube-system").delete())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }

  @Test
  void labelAndFieldSelectorsAreEvaluatedByTheServer() {
    String ns = namespace("selectors");
    client
        .configMaps()
        .inNamespace(ns)
        .resource(configMap("a", Map.of("app", "web", "env", "prod"), Map.of()))
        .create();
    client
        .configMaps()
        .inNamespace(ns)
        .resource(configMap("b", Map.of("app", "web", "env", "dev"), Map.of()))
        .create();
    client
        .configMaps()
        .inNamespace(ns)
        .resource(configMap("c", Map.of("app", "db"), Map.of()))
        .create();

    assertThat(names(client.configMaps().inNamespace(ns).withLabel("app", "web").list()))
        .containsExactly("a", "b");
    assertThat(
            names(
                client
                    .configMaps()
                    .inNamespace(ns)
                    .withLabels(Map.of("app", "web", "env", "prod"))
                    .list()))
        .containsExactly("a");
    assertThat(names(client.configMaps().inNamespace(ns).withLabel("env").list()))
        .containsExactly("a", "b");
    assertThat(names(client.configMaps().inNamespace(ns).withoutLabel("env").list()))
        .containsExactly("c");
    assertThat(names(client.configMaps().inNamespace(ns).withLabelIn("env", "dev", "qa").list()))
        .containsExactly("b");
    assertThat(names(client.configMaps().inNamespace(ns).withLabelNotIn("app", "web").list()))
        .containsExactly("c");
    assertThat(names(client.configMaps().inNamespace(ns).withLabel("app", "none").list()))
        .isEmpty();

    assertThat(names(client.configMaps().inNamespace(ns).withField("metadata.name", "b").list()))
        .containsExactly("b");
    assertThat(names(client.configMaps().inNamespace(ns).withoutField("metadata.name", "b").list()))
        .containsExactly("a", "c");
    assertThat(
            names(
                client
                    .configMaps()
                    .inAnyNamespace()
                    .withField("metadata.namespace", ns)
                    .withLabel("app", "db")
                    .list()))
        .containsExactly("c");
  }

  @Test
  void pagesWithLimitAndContinueCollectEveryObjectOnce() {
    String ns = namespace("paging");
    List<String> expected =
        IntStream.range(0, 25).mapToObj(i -> String.format("cm-%02d", i)).toList();
    for (String name : expected) {
      client
          .configMaps()
          .inNamespace(ns)
          .resource(configMap(name, Map.of("paged", "yes"), Map.of()))
          .create();
    }

    ConfigMapList firstPage =
        client.configMaps().inNamespace(ns).list(new ListOptionsBuilder().withLimit(10L).build());
    assertThat(names(firstPage)).containsExactlyElementsOf(expected.subList(0, 10));
    assertThat(firstPage.getMetadata().getContinue()).isNotBlank();
    assertThat(firstPage.getMetadata().getRemainingItemCount()).isEqualTo(15L);

    // a change between pages does not show up in later pages: they continue the first page's
    // snapshot
    client
        .configMaps()
        .inNamespace(ns)
        .resource(configMap("cm-99", Map.of("paged", "yes"), Map.of()))
        .create();

    List<String> collected = new ArrayList<>(names(firstPage));
    String token = firstPage.getMetadata().getContinue();
    int pages = 1;
    while (token != null && !token.isEmpty()) {
      ListOptions next =
          new ListOptionsBuilder()
              .withLimit(10L)
              .withContinue(token)
              .withLabelSelector("paged=yes")
              .build();
      ConfigMapList page = client.configMaps().inNamespace(ns).list(next);
      assertThat(page.getMetadata().getResourceVersion())
          .isEqualTo(firstPage.getMetadata().getResourceVersion());
      collected.addAll(names(page));
      token = page.getMetadata().getContinue();
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(collected).containsExactlyElementsOf(expected);
    assertThat(names(client.configMaps().inNamespace(ns).list())).hasSize(26).contains("cm-99");
  }

  @ParameterizedTest(name = "onlyHttpWatches={0}")
  @ValueSource(booleans = {false, true})
  void aWatchSeesAddedModifiedAndDeleted(boolean onlyHttpWatches) throws Exception {
    String ns = namespace(onlyHttpWatches ? "watch-http" : "watch-websocket");
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    String listedAt = client.configMaps().inNamespace(ns).list().getMetadata().getResourceVersion();
    try (KubernetesClient watching =
            Fabric8Clients.fromKubeconfig(
                server.kubeconfig(), config -> config.setOnlyHttpWatches(onlyHttpWatches));
        // from the list's resourceVersion: an HTTP watch returns before the server has it, and
        // without a version it would start at whatever is current when the request arrives
        Watch watch =
            watching
                .configMaps()
                .inNamespace(ns)
                .watch(
                    new ListOptionsBuilder().withResourceVersion(listedAt).build(),
                    new Watcher<>() {
                      @Override
                      public void eventReceived(Action action, ConfigMap resource) {
                        events.add(
                            action
                                + " "
                                + resource.getMetadata().getName()
                                + " "
                                + resource.getData());
                      }

                      @Override
                      public void onClose(@Nullable WatcherException cause) {
                        events.add("CLOSED " + cause);
                      }
                    })) {
      client
          .configMaps()
          .inNamespace(ns)
          .resource(configMap("w", Map.of(), Map.of("n", "1")))
          .create();
      client
          .configMaps()
          .inNamespace(ns)
          .withName("w")
          .edit(cm -> new ConfigMapBuilder(cm).addToData("n", "2").build());
      client.configMaps().inNamespace(ns).withName("w").delete();
      assertThat(next(events)).isEqualTo("ADDED w {n=1}");
      assertThat(next(events)).isEqualTo("MODIFIED w {n=2}");
      assertThat(next(events)).isEqualTo("DELETED w {n=2}");
    }
    assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("no further events").isNull();
  }

  private static String next(BlockingQueue<String> events) throws InterruptedException {
    String event = events.poll(10, TimeUnit.SECONDS);
    assertThat(event).as("an event within 10 s").isNotNull();
    return event;
  }

  private static List<String> names(ConfigMapList list) {
    return list.getItems().stream().map(cm -> cm.getMetadata().getName()).toList();
  }
}
