package io.kapi.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  private static final int THREADS = 32;

  @TempDir Path dir;

  private SqliteStorage storage;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    if (storage != null) {
      storage.close();
    }
  }

  private SqliteStorage open() {
    storage = SqliteStorage.builder(dir.resolve("kapi.db")).backgroundCompaction(false).open();
    return storage;
  }

  /** Runs {@code task} on every thread at once and returns all their results. */
  private <T> List<T> concurrently(Callable<List<T>> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<T>>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<List<T>> future : futures) {
      results.addAll(future.get(60, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void concurrentWritersShareTransactionsAndGetDistinctConsecutiveRevisions() throws Exception {
    SqliteStorage s = open();
    int perThread = 20;
    ConcurrentLinkedQueue<String> names = new ConcurrentLinkedQueue<>();
    List<Long> revisions =
        concurrently(
            () -> {
              List<Long> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                String key = "/r/" + Thread.currentThread().getName() + "-" + i;
                mine.add(s.create(key, key.getBytes(UTF_8)).modRevision());
                names.add(key);
              }
              return mine;
            });

    int writes = THREADS * perThread;
    assertThat(revisions)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, writes).boxed().toList());
    assertThat(s.groupCommits()).isLessThan(writes);
    assertThat(s.list(ListRequest.all("/r/")).items()).hasSize(writes);
    for (String key : names) {
      assertThat(s.get(key))
          .hasValueSatisfying(kv -> assertThat(kv.value()).isEqualTo(key.getBytes(UTF_8)));
    }
  }

  @Test
  void racingCompareAndSwapsOnOneKeyAdmitExactlyOneWinnerPerRevision() throws Exception {
    SqliteStorage s = open();
    s.create("/r/counter", "0".getBytes(UTF_8));
    int incrementsPerThread = 5;

    List<Integer> conflicts =
        concurrently(
            () -> {
              int lost = 0;
              for (int done = 0; done < incrementsPerThread; ) {
                KeyValue current = s.get("/r/counter").orElseThrow();
                int value = Integer.parseInt(new String(current.value(), UTF_8));
                try {
                  s.update(
                      "/r/counter",
                      current.modRevision(),
                      Integer.toString(value + 1).getBytes(UTF_8));
                  done++;
                } catch (StorageException e) {
                  assertThat(e.code()).isEqualTo(StorageException.Code.CONFLICT);
                  lost++;
                }
              }
              return List.of(lost);
            });

    KeyValue counter = s.get("/r/counter").orElseThrow();
    assertThat(new String(counter.value(), UTF_8))
        .isEqualTo(Integer.toString(THREADS * incrementsPerThread));
    assertThat(counter.modRevision()).isEqualTo(1 + THREADS * incrementsPerThread);
    assertThat(conflicts.stream().mapToInt(Integer::intValue).sum()).isPositive();
  }

  @Test
  void racingCreatesOfOneKeyAdmitExactlyOneWinner() throws Exception {
    SqliteStorage s = open();

    List<String> outcomes =
        concurrently(
            () -> {
              try {
                s.create("/r/only", Thread.currentThread().getName().getBytes(UTF_8));
                return List.of("created");
              } catch (StorageException e) {
                return List.of(e.code().name());
              }
            });

    assertThat(outcomes).filteredOn("created"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("KEY_EXISTS"::equals).hasSize(THREADS - 1);
    assertThat(s.currentRevision()).isEqualTo(1);
  }
}
