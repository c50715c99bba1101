package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fabric8 SharedIndexInformers against the sample server: the initial list syncs the indexer, the
 * watch delivers adds, updates and deletes, and a watch that resumes from a resource version the
 * server no longer has ({@code 410 Expired}) makes the informer list again and converge.
 */
class Fabric8InformerTest {
  @TempDir Path dataDir;

  private static ConfigMap configMap(String name, String app, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("app", app)
        .endMetadata()
        .addToData("value", value)
        .build();
  }

  private static void createNamespace(KubernetesClient client, String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  @Test
  void anInformerSyncsExistingObjectsThenFollowsAddsUpdatesAndDeletes() throws Exception {
    try (KapiServer server = KapiServer.start(dataDir, "127.0.0.1", 0);
        KubernetesClient client = Fabric8Clients.fromKubeconfig(server.kubeconfig())) {
      createNamespace(client, "inf");
      for (String name : List.of("a", "b", "c")) {
        client
            .configMaps()
            .inNamespace("inf")
            .resource(configMap(name, name.equals("c") ? "db" : "web", "0"))
            .create();
      }
      Recorder events = new Recorder();
      SharedIndexInformer<ConfigMap> informer =
          // pages of two: the initial list of three objects needs a continue token
          client.configMaps().inNamespace("inf").withLimit(2L).runnableInformer(0);
      informer.addIndexers(Map.of("app", cm -> List.of(cm.getMetadata().getLabels().get("app"))));
      informer.addEventHandler(events);
      try {
        informer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(informer.hasSynced()).isTrue();
        assertThat(informer.getIndexer().byIndex("app", "web"))
            .extracting(cm -> cm.getMetadata().getName())
            .containsExactlyInAnyOrder("a", "b");
        assertThat(informer.getIndexer().byIndex("app", "db"))
            .extracting(cm -> cm.getMetadata().getName())
            .containsExactly("c");
        assertThat(List.of(events.next(), events.next(), events.next()))
            .containsExactlyInAnyOrder("add a", "add b", "add c");

        client.configMaps().inNamespace("inf").resource(configMap("d", "web", "0")).create();
        assertThat(events.next()).isEqualTo("add d");
        client
            .configMaps()
            .inNamespace("inf")
            .withName("a")
            .edit(cm -> new ConfigMapBuilder(cm).addToData("value", "1").build());
        assertThat(events.next()).isEqualTo("update a 0->1");
        client.configMaps().inNamespace("inf").withName("c").delete();
        assertThat(events.next()).isEqualTo("delete c (watched)");

        assertThat(byName(informer.getStore().list()))
            .isEqualTo(byName(client.configMaps().inNamespace("inf").list().getItems()));
        assertThat(informer.getIndexer().byIndex("app", "db")).isEmpty();
        assertThat(informer.getIndexer().getByKey("inf/a").getData()).containsEntry("value", "1");
      } finally {
        informer.stop();
      }
    }
  }

  /**
   * The informer follows only {@code app=watched}, so the other writes move the server's revision
   * past the informer's. The connection is cut and the server restarted on the same data: its watch
   * cache starts at the current revision, the informer's resumed watch is too old (410), and the
   * informer lists again. The object deleted while it was away reaches the handler as a delete
   * whose final state is unknown — which only the re-list produces.
   */
  @ParameterizedTest(name = "onlyHttpWatches={0}")
  @ValueSource(booleans = {false, true})
  void anInformerRelistsAfterItsResourceVersionExpiredAndMatchesTheServer(boolean onlyHttpWatches)
      throws Exception {
    KapiServer first = KapiServer.start(dataDir, "127.0.0.1", 0);
    KapiServer second = null;
    try (TcpProxy proxy = new TcpProxy(first.port());
        KubernetesClient admin = Fabric8Clients.fromKubeconfig(first.kubeconfig());
        KubernetesClient viaProxy =
            Fabric8Clients.fromKubeconfig(
                first.kubeconfig(),
                config -> {
                  config.setMasterUrl("https://127.0.0.1:" + proxy.port());
                  config.setWatchReconnectInterval(100);
                  config.setOnlyHttpWatches(onlyHttpWatches);
                })) {
      createNamespace(admin, "expiry");
      admin.configMaps().inNamespace("expiry").resource(configMap("gone", "watched", "0")).create();
      admin.configMaps().inNamespace("expiry").resource(configMap("kept", "watched", "0")).create();

      Recorder events = new Recorder();
      SharedIndexInformer<ConfigMap> informer =
          viaProxy
              .configMaps()
              .inNamespace("expiry")
              .withLabel("app", "watched")
              .runnableInformer(0);
      informer.addEventHandler(events);
      // the informer lists again after a 410 without consulting this handler; any other failure
      // (which would also end in a re-list) would land here, except the connections the cut proxy
      // turns away while the server restarts (I/O failures, after which the informer retries)
      List<Throwable> otherFailures = new CopyOnWriteArrayList<>();
      informer.exceptionHandler(
          (started, failure) -> {
            if (!causedByIo(failure)) {
              otherFailures.add(failure);
            }
            return true;
          });
      try {
        informer.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(List.of(events.next(), events.next()))
            .containsExactlyInAnyOrder("add gone", "add kept");
        String listedAt = informer.lastSyncResourceVersion();

        for (int i = 0; i < 3; i++) {
          admin
              .configMaps()
              .inNamespace("expiry")
              .resource(configMap("other-" + i, "unwatched", "0"))
              .create();
        }
        assertThat(events.poll(300)).as("changes outside the selector are not delivered").isNull();
        assertThat(informer.lastSyncResourceVersion()).isEqualTo(listedAt);

        proxy.cut();
        first.close();
        second = KapiServer.start(dataDir, "127.0.0.1", 0);
        try (KubernetesClient admin2 = Fabric8Clients.fromKubeconfig(second.kubeconfig())) {
          admin2.configMaps().inNamespace("expiry").withName("gone").delete();
          admin2
              .configMaps()
              .inNamespace("expiry")
              .withName("kept")
              .edit(cm -> new ConfigMapBuilder(cm).addToData("value", "1").build());
          admin2
              .configMaps()
              .inNamespace("expiry")
              .resource(configMap("new", "watched", "0"))
              .create();
          proxy.resume(second.port());

          List<String> afterRelist = List.of(events.next(), events.next(), events.next());
          assertThat(afterRelist)
              .containsExactlyInAnyOrder(
                  "delete gone (final state unknown)", "update kept 0->1", "add new");
          List<ConfigMap> onServer =
              admin2
                  .configMaps()
                  .inNamespace("expiry")
                  .withLabel("app", "watched")
                  .list()
                  .getItems();
          assertThat(byName(informer.getStore().list()))
              .isEqualTo(byName(onServer))
              .containsOnlyKeys("kept", "new");
          assertThat(Long.parseLong(informer.lastSyncResourceVersion()))
              .isGreaterThan(Long.parseLong(listedAt));

          // and the informer keeps watching on the new server
          admin2.configMaps().inNamespace("expiry").withName("new").delete();
          assertThat(events.next()).isEqualTo("delete new (watched)");
          assertThat(otherFailures).isEmpty();
        }
      } finally {
        informer.stop();
      }
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  /** name → resourceVersion, the identity of each object's state. */
  private static Map<String, String> byName(List<ConfigMap> items) {
    return items.stream()
        .collect(
            Collectors.toMap(
                cm -> cm.getMetadata().getName(),
                cm -> cm.getMetadata().getResourceVersion(),
                (a, b) -> a,
                TreeMap::new));
  }

  /** Turns handler calls into short lines a test can await in order. */
  private static final class Recorder implements ResourceEventHandler<ConfigMap> {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    @Override
    public void onAdd(ConfigMap obj) {
      lines.add("add " + obj.getMetadata().getName());
    }

    @Override
    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
      if (!oldObj
          .getMetadata()
          .getResourceVersion()
          .equals(newObj.getMetadata().getResourceVersion())) {
        lines.add(
            "update "
                + newObj.getMetadata().getName()
                + " "
                + oldObj.getData().get("value")
                + "->"
                + newObj.getData().get("value"));
      }
    }

    @Override
    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
      lines.add(
          "delete "
              + obj.getMetadata().getName()
              + (deletedFinalStateUnknown ? " (final state unknown)" : " (watched)"));
    }

    String next() throws InterruptedException {
      String line = lines.poll(10, TimeUnit.SECONDS);
      assertThat(line).as("a handler call within 10 s").isNotNull();
      return line;
    }

    String poll(long millis) throws InterruptedException {
      return lines.poll(millis, TimeUnit.MILLISECONDS);
    }
  }

  private static boolean causedByIo(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
