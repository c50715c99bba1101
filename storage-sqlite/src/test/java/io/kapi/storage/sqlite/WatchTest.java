package io.kapi.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {
  @TempDir Path dir;

  private SqliteStorage storage;

  private SqliteStorage open(int maxPending) {
    storage =
        SqliteStorage.builder(dir.resolve("kapi.db"))
            .backgroundCompaction(false)
            .maxPendingWatchEvents(maxPending)
            .open();
    return storage;
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String text(byte[] value) {
    return new String(value, UTF_8);
  }

  @Test
  void watchFromNowSeesLaterChangesWithTheirPreviousValues() {
    SqliteStorage s = open(10_000);
    KeyValue before = s.create("/w/a", bytes("v0"));
    RecordingListener listener = new RecordingListener();
    s.watch("/w/", 0, listener);

    KeyValue updated = s.update("/w/a", before.modRevision(), bytes("v1"));
    s.create("/other/x", bytes("ignored"));
    KeyValue deleted = s.delete("/w/a", 0);
    s.create("/w/b", bytes("b0"));

    listener.awaitEvents(3);
    List<StorageEvent> events = listener.events;
    assertThat(events).extracting(StorageEvent::type)
        .containsExactly(
            StorageEvent.Type.MODIFIED, StorageEvent.Type.DELETED, StorageEvent.Type.ADDED);
    assertThat(events.get(0).revision()).isEqualTo(updated.modRevision());
    assertThat(text(events.get(0).value())).isEqualTo("v1");
    assertThat(text(events.get(0).prevValue())).isEqualTo("v0");
    assertThat(events.get(1).revision()).isEqualTo(deleted.modRevision());
    assertThat(text(events.get(1).value())).isEqualTo("v1");
    assertThat(events.get(2).prevValue()).isNull();
    assertThat(events.get(2).key()).isEqualTo("/w/b");
  }

  @Test
  void catchUpFromTheTableHasTheSameEventsAsLiveDelivery() {
    SqliteStorage s = open(10_000);
    s.create("/other/first", bytes("x"));
    RecordingListener live = new RecordingListener();
    s.watch("/w/", 0, live);
    KeyValue a = s.create("/w/a", bytes("v0"));
    s.update("/w/a", a.modRevision(), bytes("v1"));
    s.delete("/w/a", 0);
    live.awaitEvents(3);

    RecordingListener replay = new RecordingListener();
    s.watch("/w/", a.modRevision() - 1, replay);
    replay.awaitEvents(3);

    assertThat(replay.events)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(live.events);
  }

  @Test
  void watchFromAnOlderRevisionHandsOverToLiveEventsWithoutGapOrDuplicate() throws Exception {
    SqliteStorage s = open(10_000);
    ConcurrentLinkedQueue<Long> watchedRevisions = new ConcurrentLinkedQueue<>();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    CountDownLatch halfway = new CountDownLatch(2);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      done.add(
          writers.submit(
              () -> {
                for (int i = 0; i < 40; i++) {
                  String prefix = i % 3 == 0 ? "/other/" : "/w/";
                  KeyValue kv = s.create(prefix + thread + "-" + i, bytes("v" + i));
                  if (prefix.equals("/w/")) {
                    watchedRevisions.add(kv.modRevision());
                  }
                  if (i == 20) {
                    halfway.countDown();
                  }
                }
              }));
    }
    halfway.await();
    long from = s.currentRevision() / 2;
    RecordingListener listener = new RecordingListener();
    s.watch("/w/", from, listener);
    for (Future<?> future : done) {
      future.get(30, TimeUnit.SECONDS);
    }
    writers.shutdown();
    List<Long> expected =
        watchedRevisions.stream().filter(revision -> revision > from).sorted().toList();
    listener.awaitRevision(expected.get(expected.size() - 1));

    assertThat(listener.revisions()).containsExactlyElementsOf(expected);
    assertThat(listener.errors).isEmpty();
    assertThat(listener.overlapped).isFalse();
  }

  @Test
  void slowListenerCatchesUpFromTheTableAfterItsQueueOverflows() throws Exception {
    SqliteStorage s = open(5);
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener listener =
        new RecordingListener(
            event -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    s.watch("/w/", 0, listener);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      expected.add(s.create("/w/" + i, bytes("v" + i)).modRevision());
    }
    release.countDown();
    listener.awaitRevision(expected.get(expected.size() - 1));

    assertThat(listener.revisions()).containsExactlyElementsOf(expected);
  }

  @Test
  void watchThatFallsBehindACompactionEndsWithCompacted() throws Exception {
    SqliteStorage s = open(5);
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener listener =
        new RecordingListener(
            event -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    s.watch("/w/", 0, listener);
    for (int i = 0; i < 30; i++) {
      s.create("/w/" + i, bytes("v" + i));
    }
    s.compact(s.currentRevision());
    release.countDown();

    listener.awaitError();
    Thread.sleep(100);
    assertThat(listener.errors).singleElement()
        .satisfies(e -> assertThat(e.code()).isEqualTo(StorageException.Code.COMPACTED));
    assertThat(listener.revisions()).startsWith(1L).hasSizeLessThan(30);
    assertThat(s.openWatches()).isZero();
  }

  @Test
  void watchFromACompactedRevisionFailsOnceWithCompacted() throws Exception {
    SqliteStorage s = open(10_000);
    for (int i = 0; i < 5; i++) {
      s.create("/w/" + i, bytes("v"));
    }
    s.compact(4);
    RecordingListener listener = new RecordingListener();
    s.watch("/w/", 3, listener);

    listener.awaitError();
    s.create("/w/late", bytes("v"));
    Thread.sleep(100);

    assertThat(listener.errors).singleElement()
        .satisfies(e -> assertThat(e.code()).isEqualTo(StorageException.Code.COMPACTED));
    assertThat(listener.events).isEmpty();
    assertThat(s.openWatches()).isZero();
  }

  @Test
  void watchFromTheCompactedRevisionItselfDeliversWhatFollows() {
    SqliteStorage s = open(10_000);
    KeyValue a = s.create("/w/a", bytes("v0"));
    KeyValue a1 = s.update("/w/a", a.modRevision(), bytes("v1"));
    KeyValue a2 = s.update("/w/a", a1.modRevision(), bytes("v2"));
    s.compact(a1.modRevision());
    RecordingListener listener = new RecordingListener();
    s.watch("/w/", a1.modRevision(), listener);

    listener.awaitEvents(1);
    assertThat(listener.revisions()).containsExactly(a2.modRevision());
    assertThat(text(listener.events.get(0).prevValue())).isEqualTo("v1");
    assertThat(listener.errors).isEmpty();
  }

  @Test
  void watchFromAFutureRevisionSkipsEverythingUpToIt() {
    SqliteStorage s = open(10_000);
    RecordingListener listener = new RecordingListener();
    s.watch("/w/", 2, listener);
    s.create("/w/1", bytes("v"));
    s.create("/w/2", bytes("v"));
    s.create("/w/3", bytes("v"));

    listener.awaitEvents(1);
    assertThat(listener.revisions()).containsExactly(3L);
  }

  @Test
  void closedWatchReceivesNothingMore() throws Exception {
    SqliteStorage s = open(10_000);
    RecordingListener listener = new RecordingListener();
    Watch watch = s.watch("/w/", 0, listener);
    s.create("/w/a", bytes("v"));
    listener.awaitEvents(1);

    watch.close();
    watch.close();
    s.create("/w/b", bytes("v"));
    Thread.sleep(100);

    assertThat(listener.events).hasSize(1);
    assertThat(s.openWatches()).isZero();
  }

  @Test
  void aThrowingListenerKeepsReceivingEvents() {
    SqliteStorage s = open(10_000);
    RecordingListener listener =
        new RecordingListener(
            event -> {
              throw new IllegalStateException("listener bug");
            });
    s.watch("/w/", 0, listener);
    s.create("/w/a", bytes("v"));
    s.create("/w/b", bytes("v"));

    listener.awaitEvents(2);
    assertThat(listener.revisions()).containsExactly(1L, 2L);
  }

  @Test
  void progressRequestIsAnsweredAfterEverythingPublishedIsDelivered() {
    SqliteStorage s = open(10_000);
    RecordingListener listener = new RecordingListener();
    Watch watch = s.watch("/w/", 0, listener);
    KeyValue mine = s.create("/w/a", bytes("v"));
    KeyValue other = s.create("/other/b", bytes("v"));

    watch.requestProgress();

    RecordingListener.await(() -> !listener.progress.isEmpty(), "a progress notification");
    assertThat(listener.progress).containsExactly(other.modRevision());
    assertThat(listener.revisions()).containsExactly(mine.modRevision());
  }

  @Test
  void closingTheStorageEndsItsWatches() {
    SqliteStorage s = open(10_000);
    s.watch("/w/", 0, new RecordingListener());
    s.watch("/x/", 0, new RecordingListener());
    assertThat(s.openWatches()).isEqualTo(2);

    s.close();

    assertThat(s.openWatches()).isZero();
  }
}
