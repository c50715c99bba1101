package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimistic concurrency over HTTP on SQLite storage: many fabric8 clients increment one ConfigMap
 * key by read-modify-write (GET, +1, PUT with the read resourceVersion, again on 409). No increment
 * may be lost or applied twice.
 */
class ConcurrentIncrementsTest {
  private static final Logger log = LoggerFactory.getLogger(ConcurrentIncrementsTest.class);
  private static final int CLIENTS = 16;
  private static final int INCREMENTS = 200;

  @TempDir Path dataDir;

  @Test
  void sixteenClientsIncrementingOneKeyEndWithTheExactTotal() throws Exception {
    try (KapiServer server = KapiServer.start(dataDir, "127.0.0.1", 0, StorageBackend.SQLITE);
        KubernetesClient admin = Fabric8Clients.fromKubeconfig(server.kubeconfig())) {
      admin
          .configMaps()
          .inNamespace("default")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("counter")
                  .endMetadata()
                  .addToData("count", "0")
                  .build())
          .create();

      // every successful PUT answers with the value it wrote: together they must be 1..total, once
      // each
      Set<Integer> written = ConcurrentHashMap.newKeySet();
      Set<String> versions = ConcurrentHashMap.newKeySet();
      AtomicInteger conflicts = new AtomicInteger();
      CountDownLatch ready = new CountDownLatch(CLIENTS);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> workers = new ArrayList<>();
      long started = System.nanoTime();
      try {
        for (int w = 0; w < CLIENTS; w++) {
          workers.add(
              pool.submit(
                  () -> {
                    try (KubernetesClient client =
                        Fabric8Clients.fromKubeconfig(server.kubeconfig())) {
                      client
                          .configMaps()
                          .inNamespace("default")
                          .withName("counter")
                          .get(); // connect first
                      ready.countDown();
                      ready.await();
                      for (int i = 0; i < INCREMENTS; i++) {
                        for (int attempt = 1; ; attempt++) {
                          ConfigMap current =
                              client.configMaps().inNamespace("default").withName("counter").get();
                          int next = Integer.parseInt(current.getData().get("count")) + 1;
                          current.getData().put("count", Integer.toString(next));
                          try {
                            ConfigMap stored =
                                client
                                    .configMaps()
                                    .inNamespace("default")
                                    .resource(current)
                                    .update();
                            assertThat(stored.getData())
                                .containsEntry("count", Integer.toString(next));
                            assertThat(written.add(next))
                                .as("value %s written twice", next)
                                .isTrue();
                            assertThat(versions.add(stored.getMetadata().getResourceVersion()))
                                .isTrue();
                            break;
                          } catch (KubernetesClientException e) {
                            if (e.getCode() != 409) {
                              throw e;
                            }
                            // like client-go's RetryOnConflict: back off a little, with jitter,
                            // then read again
                            conflicts.incrementAndGet();
                            Thread.sleep(
                                ThreadLocalRandom.current().nextInt(1 << Math.min(attempt, 4)));
                          }
                        }
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> worker : workers) {
          worker.get(300, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      int total = CLIENTS * INCREMENTS;
      log.info(
          "{} increments by {} clients in {} ms with {} conflicts",
          total,
          CLIENTS,
          millis,
          conflicts.get());

      ConfigMap last = admin.configMaps().inNamespace("default").withName("counter").get();
      assertThat(last.getData()).containsEntry("count", Integer.toString(total));
      assertThat(written)
          .isEqualTo(IntStream.rangeClosed(1, total).boxed().collect(Collectors.toSet()));
      assertThat(versions).hasSize(total).contains(last.getMetadata().getResourceVersion());
    }
  }
}
