package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.Config;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Kubernetes Java client ({@code io.kubernetes:client-java}, OkHttp and Gson, its own
 * generated models) against the sample server started in-process, configured from the kubeconfig
 * the server writes: CRUD, the three patch types, errors as {@link V1Status}, paging, selectors, a
 * watch and a shared informer.
 */
class KubernetesJavaClientTest {
  @TempDir static Path dataDir;

  private static KapiServer server;
  private static ApiClient client;
  private static CoreV1Api api;

  @BeforeAll
  static void start() throws IOException {
    server = KapiServer.start(dataDir, "127.0.0.1", 0);
    client = Config.fromConfig(server.kubeconfig().toString());
    // watches stay open longer than OkHttp's default 10 s read timeout
    client.setHttpClient(client.getHttpClient().newBuilder().readTimeout(Duration.ZERO).build());
    api = new CoreV1Api(client);
  }

  @AfterAll
  static void stop() {
    client.getHttpClient().dispatcher().executorService().shutdownNow();
    client.getHttpClient().connectionPool().evictAll();
    server.close();
  }

  private static String namespace(String name) throws ApiException {
    api.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name(name))).execute();
    return name;
  }

  private static V1ConfigMap configMap(String name, Map<String, String> labels, Map<String, String> data) {
    return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).labels(labels)).data(data);
  }

  /** The {@code Status} the server answered with a failed call. */
  private static V1Status status(ApiException e) {
    return client.getJSON().deserialize(e.getResponseBody(), V1Status.class);
  }

  @Test
  void createReadReplaceAndDeleteAConfigMap() throws Exception {
    String ns = namespace("java-crud");
    V1ConfigMap created =
        api.createNamespacedConfigMap(ns, configMap("settings", Map.of("app", "demo"), Map.of("k", "v")))
            .execute();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);
    assertThat(created.getMetadata().getCreationTimestamp()).isNotNull();

    V1ConfigMap read = api.readNamespacedConfigMap("settings", ns).execute();
    assertThat(read.getData()).containsExactly(Map.entry("k", "v"));
    assertThat(read.getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());

    read.getData().put("k", "w");
    V1ConfigMap replaced = api.replaceNamespacedConfigMap("settings", ns, read).execute();
    assertThat(replaced.getData()).containsEntry("k", "w");
    assertThat(Long.parseLong(replaced.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

    // the first read's resourceVersion is stale now
    read.getData().put("k", "stale");
    assertThatThrownBy(() -> api.replaceNamespacedConfigMap("settings", ns, read).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(status(e).getReason()).isEqualTo("Conflict");
              assertThat(status(e).getMessage())
                  .isEqualTo(
                      "Operation cannot be fulfilled on configmaps \"settings\": the object has been"
                          + " modified; please apply your changes to the latest version and try again");
            });

    V1Status deleted = api.deleteNamespacedConfigMap("settings", ns).execute();
    assertThat(deleted.getStatus()).isEqualTo("Success");
    assertThatThrownBy(() -> api.readNamespacedConfigMap("settings", ns).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(404);
              assertThat(status(e).getReason()).isEqualTo("NotFound");
              assertThat(status(e).getMessage()).isEqualTo("configmaps \"settings\" not found");
            });
  }

  @Test
  void strategicMergeJsonAndMergePatches() throws Exception {
    String ns = namespace("java-patch");
    api.createNamespacedConfigMap(ns, configMap("p", Map.of("app", "demo"), Map.of("a", "1"))).execute();

    patch(ns, "p", "{\"data\":{\"b\":\"2\"}}", V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH);
    patch(ns, "p", "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"10\"}]", V1Patch.PATCH_FORMAT_JSON_PATCH);
    V1ConfigMap merged =
        patch(ns, "p", "{\"metadata\":{\"labels\":{\"app\":null,\"tier\":\"web\"}}}",
            V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH);

    assertThat(merged.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "10", "b", "2"));
    assertThat(merged.getMetadata().getLabels()).containsExactly(Map.entry("tier", "web"));
    assertThat(api.readNamespacedConfigMap("p", ns).execute().getData())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "10", "b", "2"));
  }

  private static V1ConfigMap patch(String ns, String name, String body, String contentType)
      throws ApiException {
    return PatchUtils.patch(
        V1ConfigMap.class,
        () -> api.patchNamespacedConfigMap(name, ns, new V1Patch(body)).buildCall(null),
        contentType,
        client);
  }

  @Test
  void anInvalidPodIsRejectedWithTheFieldCauseAndAValidOneIsDeleted() throws Exception {
    String ns = namespace("java-invalid");
    V1Pod pod =
        new V1Pod()
            .metadata(new V1ObjectMeta().name("web"))
            .spec(new V1PodSpec().containers(List.of(new V1Container().name("web"))));
    assertThatThrownBy(() -> api.createNamespacedPod(ns, pod).execute())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              V1Status status = status(e);
              assertThat(status.getReason()).isEqualTo("Invalid");
              assertThat(status.getDetails().getCauses())
                  .anySatisfy(
                      cause -> {
                        assertThat(cause.getField()).isEqualTo("spec.containers[0].image");
                        assertThat(cause.getReason()).isEqualTo("FieldValueRequired");
                      });
            });
    assertThat(api.listNamespacedPod(ns).execute().getItems()).isEmpty();

    pod.getSpec().getContainers().get(0).image("nginx:1.27");
    String uid = api.createNamespacedPod(ns, pod).execute().getMetadata().getUid();
    // a Pod delete answers the deleted Pod, as the client's generated API expects
    V1Pod deleted = api.deleteNamespacedPod("web", ns).execute();
    assertThat(deleted.getMetadata().getUid()).isEqualTo(uid);
    assertThat(deleted.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
  }

  @Test
  void listsWithSelectorsAndPages() throws Exception {
    String ns = namespace("java-list");
    for (int i = 0; i < 5; i++) {
      api.createNamespacedConfigMap(
              ns, configMap("cm-" + i, Map.of("parity", i % 2 == 0 ? "even" : "odd"), Map.of()))
          .execute();
    }
    assertThat(names(api.listNamespacedConfigMap(ns).labelSelector("parity=even").execute()))
        .containsExactly("cm-0", "cm-2", "cm-4");
    assertThat(names(api.listNamespacedConfigMap(ns).fieldSelector("metadata.name=cm-3").execute()))
        .containsExactly("cm-3");

    List<String> paged = new ArrayList<>();
    List<Long> remaining = new ArrayList<>();
    String next = null;
    do {
      V1ConfigMapList page = api.listNamespacedConfigMap(ns).limit(2)._continue(next).execute();
      paged.addAll(names(page));
      remaining.add(page.getMetadata().getRemainingItemCount());
      next = page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    assertThat(paged).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4");
    assertThat(remaining).containsExactly(3L, 1L, null);
  }

  private static List<String> names(V1ConfigMapList list) {
    return list.getItems().stream().map(cm -> cm.getMetadata().getName()).toList();
  }

  @Test
  void aWatchSeesAddedModifiedAndDeleted() throws Exception {
    String ns = namespace("java-watch");
    String from = api.listNamespacedConfigMap(ns).execute().getMetadata().getResourceVersion();
    try (Watch<V1ConfigMap> watch =
        Watch.createWatch(
            client,
            api.listNamespacedConfigMap(ns).watch(true).resourceVersion(from).buildCall(null),
            new TypeToken<Watch.Response<V1ConfigMap>>() {}.getType())) {
      api.createNamespacedConfigMap(ns, configMap("w", Map.of(), Map.of("n", "1"))).execute();
      V1ConfigMap current = api.readNamespacedConfigMap("w", ns).execute();
      current.getData().put("n", "2");
      api.replaceNamespacedConfigMap("w", ns, current).execute();
      api.deleteNamespacedConfigMap("w", ns).execute();

      List<String> seen = new ArrayList<>();
      for (int i = 0; i < 3 && watch.hasNext(); i++) {
        Watch.Response<V1ConfigMap> event = watch.next();
        seen.add(event.type + " " + event.object.getData().get("n"));
      }
      assertThat(seen).containsExactly("ADDED 1", "MODIFIED 2", "DELETED 2");
    }
  }

  @Test
  void aSharedInformerSyncsThenReceivesUpdates() throws Exception {
    String ns = namespace("java-informer");
    api.createNamespacedConfigMap(ns, configMap("before", Map.of(), Map.of("v", "0"))).execute();

    SharedInformerFactory factory = new SharedInformerFactory(client);
    SharedIndexInformer<V1ConfigMap> informer =
        factory.sharedIndexInformerFor(
            params ->
                api.listNamespacedConfigMap(ns)
                    .resourceVersion(params.resourceVersion)
                    .watch(params.watch)
                    .timeoutSeconds(params.timeoutSeconds)
                    .buildCall(null),
            V1ConfigMap.class,
            V1ConfigMapList.class);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(V1ConfigMap obj) {
            events.add("add " + obj.getMetadata().getName());
          }

          @Override
          public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {
            if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
              events.add("update " + newObj.getMetadata().getName() + " " + newObj.getData().get("v"));
            }
          }

          @Override
          public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {
            events.add("delete " + obj.getMetadata().getName());
          }
        });
    factory.startAllRegisteredInformers();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!informer.hasSynced() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(informer.hasSynced()).as("informer synced").isTrue();
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("add before");
      assertThat(informer.getIndexer().list()).extracting(cm -> cm.getMetadata().getName())
          .containsExactly("before");

      api.createNamespacedConfigMap(ns, configMap("after", Map.of(), Map.of("v", "1"))).execute();
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("add after");
      patch(ns, "after", "{\"data\":{\"v\":\"2\"}}", V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH);
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("update after 2");
      api.deleteNamespacedConfigMap("before", ns).execute();
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("delete before");
      assertThat(informer.getIndexer().getByKey(ns + "/after").getData()).containsEntry("v", "2");
    } finally {
      factory.stopAllRegisteredInformers();
    }
  }
}
