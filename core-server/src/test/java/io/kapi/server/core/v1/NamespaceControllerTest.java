package io.kapi.server.core.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.schema.GroupResource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NamespaceControllerTest {
  private final InMemoryNamespaces namespaces = new InMemoryNamespaces();
  private final InMemoryContent pods = new InMemoryContent(GroupResource.of("", "pods"));
  private final NamespaceFinalizer finalizer =
      new NamespaceFinalizer(namespaces, () -> List.of(pods), Clock.systemUTC());
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final NamespaceController controller =
      new NamespaceController(finalizer, executor, Duration.ofMillis(20));

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void retriesUntilTheLastObjectIsGone() throws InterruptedException {
    namespaces.create("team-a");
    pods.add("team-a", "web", "example.com/guard");
    finalizer.delete("team-a");

    controller.enqueue("team-a");
    waitUntil(() -> pods.list("team-a").stream().allMatch(p -> p.getDeletionTimestamp() != null));
    Thread.sleep(60);
    assertThat(namespaces.get("team-a")).isNotNull();

    pods.finalize("team-a", "web");
    waitUntil(() -> namespaces.get("team-a") == null);
  }

  @Test
  void namespacesThatAreNotDeletedAreLeftAlone() throws InterruptedException {
    namespaces.create("team-a");
    pods.add("team-a", "web");

    controller.enqueue("team-a");
    controller.enqueue("team-a");
    Thread.sleep(60);

    assertThat(namespaces.get("team-a")).isNotNull();
    assertThat(pods.count("team-a")).isEqualTo(1);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
