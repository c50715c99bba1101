package io.kapi.server.storage.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageContractTest;
import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryStorageTest extends StorageContractTest {
  private static final String PODS = "/registry/pods/";

  @Override
  protected Storage newStorage() {
    return MemoryStorage.create();
  }

  private MemoryStorage memory() {
    return (MemoryStorage) storage();
  }

  @Test
  void aNewStoreStartsAtRevisionZeroWithNothingCompacted() {
    assertThat(memory().currentRevision()).isZero();
    assertThat(memory().compactedRevision()).isZero();
  }

  @Test
  void compactionDropsSupersededVersionsAndDeletedKeys() {
    MemoryStorage s = memory();
    var a = s.create(PODS + "a", bytes("a1"));
    a = s.update(PODS + "a", a.modRevision(), bytes("a2"));
    a = s.update(PODS + "a", a.modRevision(), bytes("a3"));
    s.create(PODS + "gone", bytes("g"));
    s.delete(PODS + "gone", 0);
    assertThat(s.historyLength(PODS + "a")).isEqualTo(3);
    assertThat(s.historyLength(PODS + "gone")).isEqualTo(2);

    s.compact(s.currentRevision());

    assertThat(s.historyLength(PODS + "a")).isEqualTo(1);
    assertThat(s.historyLength(PODS + "gone")).isZero();
    assertThat(string(s.get(PODS + "a").orElseThrow().value())).isEqualTo("a3");
  }

  @Test
  void compactionFreesTheEventLogInWholeSegments() {
    MemoryStorage s = memory();
    var kv = s.create(PODS + "a", bytes("0"));
    for (int i = 1; i < 5_000; i++) {
      kv = s.update(PODS + "a", kv.modRevision(), bytes(Integer.toString(i)));
    }

    s.compact(4_500);

    assertThat(s.eventAt(1)).isNull();
    assertThat(s.eventAt(4_096)).isNull();
    assertThat(s.eventAt(4_097)).isNotNull();
    assertThat(s.eventAt(5_000)).isNotNull();
    assertThat(s.historyLength(PODS + "a")).isEqualTo(501);
  }

  @Test
  void compactionOfARecreatedKeyDropsTheTombstone() {
    MemoryStorage s = memory();
    s.create(PODS + "a", bytes("a1"));
    s.delete(PODS + "a", 0);
    long compactAt = s.currentRevision();
    s.create(PODS + "a", bytes("a2"));

    s.compact(compactAt);

    assertThat(s.historyLength(PODS + "a")).isEqualTo(1);
    assertThat(s.list(new ListRequest(PODS, "", compactAt, 0)).items()).isEmpty();
    assertThat(s.list(ListRequest.all(PODS)).items()).hasSize(1);
  }

  @Test
  void compactingTheFutureIsRejectedAndCompactingThePastIsANoOp() {
    MemoryStorage s = memory();
    s.create(PODS + "a", bytes("a"));
    s.create(PODS + "b", bytes("b"));
    s.compact(2);

    s.compact(1);

    assertThat(s.compactedRevision()).isEqualTo(2);
    assertThatThrownBy(() -> s.compact(3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSlowListenerBlocksNeitherWritersNorOtherWatches() throws Exception {
    MemoryStorage s = memory();
    CountDownLatch release = new CountDownLatch(1);
    LinkedBlockingQueue<StorageEvent> slow = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<StorageEvent> fast = new LinkedBlockingQueue<>();
    Watch blocked =
        s.watch(
            PODS,
            0,
            listener(
                e -> {
                  await(release);
                  slow.add(e);
                }));
    Watch free = s.watch(PODS, 0, listener(fast::add));

    for (int i = 0; i < 100; i++) {
      s.create(PODS + i, bytes("v"));
    }
    for (int i = 0; i < 100; i++) {
      assertThat(fast.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
    assertThat(slow).isEmpty();

    release.countDown();
    for (int i = 0; i < 100; i++) {
      StorageEvent e = slow.poll(5, TimeUnit.SECONDS);
      assertThat(e).isNotNull();
      assertThat(e.revision()).isEqualTo(i + 1);
    }
    blocked.close();
    free.close();
  }

  @Test
  void aWatchThatFallsBehindCompactionEndsWithCompacted() throws Exception {
    MemoryStorage s = memory();
    CountDownLatch release = new CountDownLatch(1);
    List<StorageEvent> seen = new CopyOnWriteArrayList<>();
    LinkedBlockingQueue<StorageException> errors = new LinkedBlockingQueue<>();
    Watch watch =
        s.watch(
            PODS,
            0,
            new WatchListener() {
              @Override
              public void onEvent(StorageEvent event) {
                await(release);
                seen.add(event);
              }

              @Override
              public void onError(StorageException error) {
                errors.add(error);
              }
            });
    for (int i = 0; i < 10; i++) {
      s.create(PODS + i, bytes("v"));
    }
    s.compact(s.currentRevision());

    release.countDown();

    StorageException error = errors.poll(5, TimeUnit.SECONDS);
    assertThat(error).isNotNull();
    assertThat(error.code()).isEqualTo(StorageException.Code.COMPACTED);
    assertThat(seen).hasSizeLessThan(10);
    watch.close();
  }

  @Test
  void requestedProgressReportsTheCurrentRevisionWithoutMatchingEvents() throws Exception {
    MemoryStorage s = memory();
    LinkedBlockingQueue<Long> progress = new LinkedBlockingQueue<>();
    Watch watch =
        s.watch(
            PODS,
            0,
            new WatchListener() {
              @Override
              public void onEvent(StorageEvent event) {}

              @Override
              public void onError(StorageException error) {}

              @Override
              public void onProgress(long revision) {
                progress.add(revision);
              }
            });
    s.create("/registry/services/a", bytes("s"));
    s.create("/registry/services/b", bytes("s"));

    watch.requestProgress();

    assertThat(progress.poll(5, TimeUnit.SECONDS)).isEqualTo(2L);
    watch.close();
  }

  @Test
  void aClosedStoreRejectsCalls() {
    MemoryStorage s = memory();
    s.close();

    assertThatThrownBy(() -> s.create(PODS + "a", bytes("a")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.INTERNAL));
    assertThatThrownBy(() -> s.get(PODS + "a")).isInstanceOf(StorageException.class);
  }

  private static WatchListener listener(java.util.function.Consumer<StorageEvent> onEvent) {
    return new WatchListener() {
      @Override
      public void onEvent(StorageEvent event) {
        onEvent.accept(event);
      }

      @Override
      public void onError(StorageException error) {}
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, UTF_8);
  }
}
