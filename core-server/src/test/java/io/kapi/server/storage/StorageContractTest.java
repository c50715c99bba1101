package io.kapi.server.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Storage} backend must have, written once and run by each backend's
 * test class ({@code class SqliteStorageTest extends StorageContractTest}).
 *
 * <p>Subclasses supply a fresh, empty store per test with {@link #newStorage()}; they may override
 * {@link #compact} when their compaction finishes asynchronously and {@link #incrementsPerThread()}
 * when their writes are slow.
 */
public abstract class StorageContractTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PODS = "/registry/pods/";

  private @Nullable Storage storage;
  private final List<Watch> watches = new ArrayList<>();

  /** A new, empty store; the suite closes it after each test. */
  protected abstract Storage newStorage() throws Exception;

  /**
   * Compacts {@code storage} at {@code revision} and returns once reads and watches below it fail
   * with {@code COMPACTED}. Backends whose compaction runs in the background override this to wait.
   */
  protected void compact(Storage storage, long revision) throws Exception {
    storage.compact(revision);
  }

  /**
   * How many increments each of the 8 threads of {@code
   * concurrentConditionalIncrementsCountExactly} makes (each a {@link GuaranteedUpdate} retried on
   * conflict); 1,000 unless a backend's writes are too slow to finish in a few seconds.
   */
  protected int incrementsPerThread() {
    return 1_000;
  }

  @BeforeEach
  final void openStorage() throws Exception {
    storage = newStorage();
  }

  @AfterEach
  final void closeStorage() {
    watches.forEach(Watch::close);
    if (storage != null) {
      storage.close();
    }
  }

  /** The store under test. */
  protected final Storage storage() {
    if (storage == null) {
      throw new IllegalStateException("no storage open");
    }
    return storage;
  }

  // ---------------------------------------------------------------- revisions and CRUD

  @Test
  void revisionsStrictlyIncreaseAcrossCreateUpdateAndDelete() {
    Storage s = storage();
    long start = s.currentRevision();

    KeyValue created = s.create(PODS + "a", bytes("v1"));
    KeyValue updated = s.update(PODS + "a", created.modRevision(), bytes("v2"));
    KeyValue other = s.create(PODS + "b", bytes("b1"));
    KeyValue deleted = s.delete(PODS + "a", 0);

    assertThat(created.modRevision()).isGreaterThan(start);
    assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
    assertThat(other.modRevision()).isGreaterThan(updated.modRevision());
    assertThat(deleted.modRevision()).isGreaterThan(other.modRevision());
    assertThat(s.currentRevision()).isEqualTo(deleted.modRevision());
  }

  @Test
  void createAndUpdateReturnTheStoredEntry() {
    Storage s = storage();
    KeyValue created = s.create(PODS + "a", bytes("v1"));
    assertThat(created.key()).isEqualTo(PODS + "a");
    assertThat(str(created.value())).isEqualTo("v1");
    assertThat(created.createRevision()).isEqualTo(created.modRevision());

    KeyValue updated = s.update(PODS + "a", created.modRevision(), bytes("v2"));
    assertThat(str(updated.value())).isEqualTo("v2");
    assertThat(updated.createRevision()).isEqualTo(created.createRevision());
    assertThat(updated.modRevision()).isEqualTo(s.currentRevision());
  }

  @Test
  void getReturnsTheLatestValueAndNothingForMissingOrDeletedKeys() {
    Storage s = storage();
    KeyValue created = s.create(PODS + "a", bytes("v1"));
    KeyValue updated = s.update(PODS + "a", created.modRevision(), bytes("v2"));

    KeyValue got = s.get(PODS + "a").orElseThrow();
    assertThat(str(got.value())).isEqualTo("v2");
    assertThat(got.modRevision()).isEqualTo(updated.modRevision());
    assertThat(got.createRevision()).isEqualTo(created.createRevision());

    assertThat(s.get(PODS + "missing")).isEmpty();
    s.delete(PODS + "a", 0);
    assertThat(s.get(PODS + "a")).isEmpty();
  }

  @Test
  void createOfAnExistingKeyFailsWithKeyExists() {
    Storage s = storage();
    s.create(PODS + "a", bytes("v1"));
    long revision = s.currentRevision();

    assertCode(() -> s.create(PODS + "a", bytes("v2")), StorageException.Code.KEY_EXISTS);
    assertThat(str(s.get(PODS + "a").orElseThrow().value())).isEqualTo("v1");
    assertThat(s.currentRevision()).isEqualTo(revision);
  }

  @Test
  void createAsyncCompletesWithTheStoredEntryOrFailsWithKeyExists() throws Exception {
    Storage s = storage();
    KeyValue created = s.createAsync(PODS + "a", bytes("v1")).get(10, TimeUnit.SECONDS);
    assertThat(created.key()).isEqualTo(PODS + "a");
    assertThat(str(created.value())).isEqualTo("v1");
    assertThat(created.modRevision()).isEqualTo(s.currentRevision());
    assertThat(str(s.get(PODS + "a").orElseThrow().value())).isEqualTo("v1");

    CompletableFuture<KeyValue> again = s.createAsync(PODS + "a", bytes("v2"));
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    again.whenComplete(
        (kv, error) -> {
          failure.set(error);
          done.countDown();
        });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(failure.get())
        .as("the StorageException itself, as create throws it")
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.KEY_EXISTS));
    assertThat(str(s.get(PODS + "a").orElseThrow().value())).isEqualTo("v1");
    assertThat(s.currentRevision()).isEqualTo(created.modRevision());
  }

  @Test
  void createAfterDeleteStartsANewLifeOfTheKey() {
    Storage s = storage();
    KeyValue first = s.create(PODS + "a", bytes("v1"));
    s.delete(PODS + "a", first.modRevision());

    KeyValue second = s.create(PODS + "a", bytes("v2"));

    assertThat(second.createRevision()).isEqualTo(second.modRevision());
    assertThat(second.createRevision()).isGreaterThan(first.createRevision());
  }

  @Test
  void updateWithAStaleModRevisionFailsWithConflict() {
    Storage s = storage();
    KeyValue created = s.create(PODS + "a", bytes("v1"));
    s.update(PODS + "a", created.modRevision(), bytes("v2"));

    assertCode(
        () -> s.update(PODS + "a", created.modRevision(), bytes("v3")),
        StorageException.Code.CONFLICT);
    assertThat(str(s.get(PODS + "a").orElseThrow().value())).isEqualTo("v2");
  }

  @Test
  void deleteWithAStaleModRevisionFailsWithConflict() {
    Storage s = storage();
    KeyValue created = s.create(PODS + "a", bytes("v1"));
    s.update(PODS + "a", created.modRevision(), bytes("v2"));

    assertCode(() -> s.delete(PODS + "a", created.modRevision()), StorageException.Code.CONFLICT);
    assertThat(s.get(PODS + "a")).isPresent();
  }

  @Test
  void updateAndDeleteOfAMissingKeyFailWithNotFound() {
    Storage s = storage();
    assertCode(() -> s.update(PODS + "nope", 1, bytes("v")), StorageException.Code.NOT_FOUND);
    assertCode(() -> s.delete(PODS + "nope", 0), StorageException.Code.NOT_FOUND);
    assertCode(() -> s.delete(PODS + "nope", 1), StorageException.Code.NOT_FOUND);

    KeyValue created = s.create(PODS + "gone", bytes("v"));
    s.delete(PODS + "gone", 0);
    assertCode(
        () -> s.update(PODS + "gone", created.modRevision(), bytes("v2")),
        StorageException.Code.NOT_FOUND);
    assertCode(() -> s.delete(PODS + "gone", 0), StorageException.Code.NOT_FOUND);
  }

  @Test
  void deleteReturnsTheLastValueWithTheRevisionOfTheDelete() {
    Storage s = storage();
    KeyValue created = s.create(PODS + "a", bytes("v1"));
    KeyValue updated = s.update(PODS + "a", created.modRevision(), bytes("v2"));

    KeyValue deleted = s.delete(PODS + "a", updated.modRevision());

    assertThat(deleted.key()).isEqualTo(PODS + "a");
    assertThat(str(deleted.value())).isEqualTo("v2");
    assertThat(deleted.createRevision()).isEqualTo(created.createRevision());
    assertThat(deleted.modRevision()).isGreaterThan(updated.modRevision());
    assertThat(deleted.modRevision()).isEqualTo(s.currentRevision());
  }

  // ---------------------------------------------------------------- list

  @Test
  void listReturnsOnlyKeysUnderThePrefix() {
    Storage s = storage();
    s.create("/registry/pod", bytes("x"));
    s.create(PODS + "default/a", bytes("a"));
    s.create("/registry/podsx/default/b", bytes("b"));
    s.create("/registry/pods0", bytes("c"));
    s.create(PODS + "kube-system/c", bytes("c"));

    assertThat(keys(s.list(ListRequest.all(PODS))))
        .containsExactly(PODS + "default/a", PODS + "kube-system/c");
    assertThat(keys(s.list(ListRequest.all(PODS + "default/"))))
        .containsExactly(PODS + "default/a");
  }

  @Test
  void listReturnsKeysInAscendingOrderWithTheirValues() {
    Storage s = storage();
    for (String name : List.of("m", "b", "z", "a", "b-1", "a0")) {
      s.create(PODS + name, bytes("value of " + name));
    }

    ListResult result = s.list(ListRequest.all(PODS));

    assertThat(keys(result))
        .containsExactly(PODS + "a", PODS + "a0", PODS + "b", PODS + "b-1", PODS + "m", PODS + "z");
    for (KeyValue kv : result.items()) {
      assertThat(str(kv.value())).isEqualTo("value of " + kv.key().substring(PODS.length()));
    }
    assertThat(result.more()).isFalse();
    assertThat(result.remaining()).isZero();
  }

  @Test
  void listAtTheLatestRevisionReportsTheCurrentRevision() {
    Storage s = storage();
    s.create(PODS + "a", bytes("a"));
    s.create("/registry/services/b", bytes("b"));

    ListResult result = s.list(ListRequest.all(PODS));

    assertThat(result.revision()).isEqualTo(s.currentRevision());
  }

  @Test
  void listPagesWithLimitAndStartKey() {
    Storage s = storage();
    for (String name : List.of("a", "b", "c", "d", "e")) {
      s.create(PODS + name, bytes(name));
    }

    ListResult first = s.list(new ListRequest(PODS, "", 0, 2));
    assertThat(keys(first)).containsExactly(PODS + "a", PODS + "b");
    assertThat(first.more()).isTrue();
    assertThat(first.remaining()).isEqualTo(3);

    ListResult second = s.list(new ListRequest(PODS, nextKey(first), first.revision(), 2));
    assertThat(keys(second)).containsExactly(PODS + "c", PODS + "d");
    assertThat(second.more()).isTrue();
    assertThat(second.remaining()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(first.revision());

    ListResult last = s.list(new ListRequest(PODS, nextKey(second), first.revision(), 2));
    assertThat(keys(last)).containsExactly(PODS + "e");
    assertThat(last.more()).isFalse();
    assertThat(last.remaining()).isZero();

    ListResult exact = s.list(new ListRequest(PODS, "", 0, 5));
    assertThat(exact.items()).hasSize(5);
    assertThat(exact.more()).isFalse();
  }

  @Test
  void listStartKeyIsInclusive() {
    Storage s = storage();
    for (String name : List.of("a", "b", "c")) {
      s.create(PODS + name, bytes(name));
    }

    assertThat(keys(s.list(new ListRequest(PODS, PODS + "b", 0, 0))))
        .containsExactly(PODS + "b", PODS + "c");
  }

  @Test
  void listAtAnOlderRevisionReturnsThatRevisionsState() {
    Storage s = storage();
    KeyValue a = s.create(PODS + "a", bytes("a1"));
    KeyValue b = s.create(PODS + "b", bytes("b1"));
    long then = s.currentRevision();
    s.update(PODS + "a", a.modRevision(), bytes("a2"));
    s.delete(PODS + "b", b.modRevision());
    s.create(PODS + "c", bytes("c1"));

    ListResult old = s.list(new ListRequest(PODS, "", then, 0));
    assertThat(old.revision()).isEqualTo(then);
    assertThat(keys(old)).containsExactly(PODS + "a", PODS + "b");
    assertThat(old.items().get(0).modRevision()).isEqualTo(a.modRevision());
    assertThat(str(old.items().get(0).value())).isEqualTo("a1");
    assertThat(old.items().get(1).modRevision()).isEqualTo(b.modRevision());

    ListResult beforeB = s.list(new ListRequest(PODS, "", a.modRevision(), 0));
    assertThat(keys(beforeB)).containsExactly(PODS + "a");

    ListResult now = s.list(ListRequest.all(PODS));
    assertThat(keys(now)).containsExactly(PODS + "a", PODS + "c");
    assertThat(str(now.items().get(0).value())).isEqualTo("a2");
  }

  @Test
  void pagingAtTheFirstPagesRevisionIgnoresLaterWrites() {
    Storage s = storage();
    List<KeyValue> created = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d", "e")) {
      created.add(s.create(PODS + name, bytes(name + "1")));
    }

    ListResult first = s.list(new ListRequest(PODS, "", 0, 2));
    // writes between the pages: change an item of page 2, delete one, insert keys before and after
    s.update(PODS + "c", created.get(2).modRevision(), bytes("c2"));
    s.delete(PODS + "d", 0);
    s.create(PODS + "bb", bytes("bb1"));
    s.create(PODS + "a0", bytes("a01"));
    ListResult second = s.list(new ListRequest(PODS, nextKey(first), first.revision(), 0));

    List<String> all = new ArrayList<>(keys(first));
    all.addAll(keys(second));
    assertThat(all).containsExactly(PODS + "a", PODS + "b", PODS + "c", PODS + "d", PODS + "e");
    assertThat(second.revision()).isEqualTo(first.revision());
    assertThat(str(second.items().get(0).value())).isEqualTo("c1");
    assertThat(first.remaining()).isEqualTo(second.items().size());
  }

  @Test
  void listAtARevisionNewerThanCurrentFailsWithRevisionTooLarge() {
    Storage s = storage();
    s.create(PODS + "a", bytes("a"));
    long future = s.currentRevision() + 1;

    assertCode(
        () -> s.list(new ListRequest(PODS, "", future, 0)),
        StorageException.Code.REVISION_TOO_LARGE);
  }

  // ---------------------------------------------------------------- watch

  @Test
  void watchFromARevisionDeliversEveryLaterEventInOrderIncludingPastOnes() {
    Storage s = storage();
    KeyValue a = s.create(PODS + "a", bytes("a1"));
    long from = a.modRevision();
    KeyValue a2 = s.update(PODS + "a", a.modRevision(), bytes("a2"));
    KeyValue b = s.create(PODS + "b", bytes("b1"));

    Recorder recorder = watch(PODS, from);
    KeyValue deletedA = s.delete(PODS + "a", 0);
    KeyValue b2 = s.update(PODS + "b", b.modRevision(), bytes("b2"));

    List<StorageEvent> events = recorder.awaitEvents(4);
    assertThat(events.stream().map(StorageContractTest::describe))
        .containsExactly(
            "MODIFIED " + PODS + "a a2 @" + a2.modRevision(),
            "ADDED " + PODS + "b b1 @" + b.modRevision(),
            "DELETED " + PODS + "a a2 @" + deletedA.modRevision(),
            "MODIFIED " + PODS + "b b2 @" + b2.modRevision());
    assertPrevValue(events.get(0), "a1");
    assertPrevValue(events.get(2), "a2");
    assertPrevValue(events.get(3), "b1");
    recorder.assertNothingMore();
  }

  @Test
  void watchFromZeroDeliversOnlyNewEvents() {
    Storage s = storage();
    s.create(PODS + "old", bytes("old"));

    Recorder recorder = watch(PODS, 0);
    KeyValue created = s.create(PODS + "new", bytes("new"));

    assertThat(recorder.awaitEvents(1).stream().map(StorageContractTest::describe))
        .containsExactly("ADDED " + PODS + "new new @" + created.modRevision());
    recorder.assertNothingMore();
  }

  @Test
  void watchDeliversOnlyKeysUnderThePrefix() {
    Storage s = storage();
    Recorder recorder = watch(PODS, 0);
    s.create("/registry/podsx/a", bytes("x"));
    s.create("/registry/pod", bytes("x"));
    s.create("/registry/services/a", bytes("x"));
    KeyValue pod = s.create(PODS + "default/a", bytes("p"));

    assertThat(recorder.awaitEvents(1).stream().map(StorageContractTest::describe))
        .containsExactly("ADDED " + PODS + "default/a p @" + pod.modRevision());
    recorder.assertNothingMore();
  }

  @Test
  void watchFromTheCurrentRevisionSeesOnlyLaterWrites() {
    Storage s = storage();
    s.create(PODS + "a", bytes("a"));
    Recorder recorder = watch(PODS, s.currentRevision());
    KeyValue b = s.create(PODS + "b", bytes("b"));

    assertThat(recorder.awaitEvents(1).stream().map(StorageContractTest::describe))
        .containsExactly("ADDED " + PODS + "b b @" + b.modRevision());
  }

  @Test
  void closingAWatchStopsDelivery() {
    Storage s = storage();
    Recorder closed = watch(PODS, 0);
    Recorder open = watch(PODS, 0);
    s.create(PODS + "a", bytes("a"));
    closed.awaitEvents(1);
    open.awaitEvents(1);

    watches.get(0).close();
    watches.get(0).close(); // idempotent
    s.create(PODS + "b", bytes("b"));
    s.create(PODS + "c", bytes("c"));

    open.awaitEvents(2);
    closed.assertNothingMore();
  }

  // ---------------------------------------------------------------- compaction

  @Test
  void watchFromACompactedRevisionFailsWithExactlyOneError() throws Exception {
    Storage s = storage();
    KeyValue a = s.create(PODS + "a", bytes("a1"));
    KeyValue a2 = s.update(PODS + "a", a.modRevision(), bytes("a2"));
    s.update(PODS + "a", a2.modRevision(), bytes("a3"));
    long compactAt = s.currentRevision();
    compact(s, compactAt);
    assertThat(s.compactedRevision()).isEqualTo(compactAt);

    Recorder recorder = watch(PODS, a.modRevision());
    s.create(PODS + "b", bytes("b"));

    StorageException error = recorder.awaitError();
    assertThat(error.code()).isEqualTo(StorageException.Code.COMPACTED);
    recorder.assertNothingMore();
  }

  @Test
  void watchFromTheCompactedRevisionItselfStillWorks() throws Exception {
    Storage s = storage();
    KeyValue a = s.create(PODS + "a", bytes("a1"));
    s.update(PODS + "a", a.modRevision(), bytes("a2"));
    long compactAt = s.currentRevision();
    compact(s, compactAt);

    Recorder recorder = watch(PODS, compactAt);
    KeyValue b = s.create(PODS + "b", bytes("b"));

    assertThat(recorder.awaitEvents(1).stream().map(StorageContractTest::describe))
        .containsExactly("ADDED " + PODS + "b b @" + b.modRevision());
    assertThat(recorder.errors).isEmpty();
  }

  @Test
  void listBelowTheCompactedRevisionFailsWithCompacted() throws Exception {
    Storage s = storage();
    KeyValue a = s.create(PODS + "a", bytes("a1"));
    s.update(PODS + "a", a.modRevision(), bytes("a2"));
    s.create(PODS + "b", bytes("b1"));
    long compactAt = s.currentRevision();
    compact(s, compactAt);

    assertCode(
        () -> s.list(new ListRequest(PODS, "", a.modRevision(), 0)),
        StorageException.Code.COMPACTED);
  }

  @Test
  void compactionKeepsTheLatestValueOfEveryKey() throws Exception {
    Storage s = storage();
    KeyValue old = s.create(PODS + "old", bytes("old"));
    KeyValue a = s.create(PODS + "a", bytes("a1"));
    KeyValue a2 = s.update(PODS + "a", a.modRevision(), bytes("a2"));
    s.create(PODS + "gone", bytes("g"));
    s.delete(PODS + "gone", 0);
    long compactAt = s.currentRevision();
    KeyValue a3 = s.update(PODS + "a", a2.modRevision(), bytes("a3"));
    compact(s, compactAt);

    ListResult atCompaction = s.list(new ListRequest(PODS, "", compactAt, 0));
    assertThat(keys(atCompaction)).containsExactly(PODS + "a", PODS + "old");
    assertThat(str(atCompaction.items().get(0).value())).isEqualTo("a2");

    ListResult latest = s.list(ListRequest.all(PODS));
    assertThat(keys(latest)).containsExactly(PODS + "a", PODS + "old");
    assertThat(latest.items().get(0).modRevision()).isEqualTo(a3.modRevision());
    assertThat(s.get(PODS + "old").orElseThrow().modRevision()).isEqualTo(old.modRevision());
    assertThat(s.get(PODS + "gone")).isEmpty();
    assertThat(s.update(PODS + "old", old.modRevision(), bytes("old2")).modRevision())
        .isGreaterThan(a3.modRevision());
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  @Timeout(60)
  void concurrentConditionalIncrementsCountExactly() throws Exception {
    Storage s = storage();
    String key = "/registry/counters/c";
    s.create(key, bytes("0"));
    int threads = 8;
    int perThread = incrementsPerThread();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    increment(s, key);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    KeyValue counter = s.get(key).orElseThrow();
    assertThat(str(counter.value())).isEqualTo(Integer.toString(threads * perThread));
  }

  @Test
  @Timeout(60)
  void concurrentCreatesOfDistinctKeysAppearInListAndWatchInRevisionOrder() throws Exception {
    Storage s = storage();
    int threads = 4;
    int perThread = 100;
    Recorder recorder = watch(PODS, s.currentRevision());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<KeyValue> created = Collections.synchronizedList(new ArrayList<>());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    created.add(s.create(PODS + "t" + thread + "-" + i, bytes("v" + i)));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int total = threads * perThread;
    Set<String> createdKeys = created.stream().map(KeyValue::key).collect(Collectors.toSet());
    assertThat(createdKeys).hasSize(total);
    assertThat(created.stream().map(KeyValue::modRevision).collect(Collectors.toSet()))
        .hasSize(total);

    ListResult list = s.list(ListRequest.all(PODS));
    assertThat(list.items()).hasSize(total);
    assertThat(new HashSet<>(keys(list))).isEqualTo(createdKeys);

    List<StorageEvent> events = recorder.awaitEvents(total);
    assertThat(events).allMatch(e -> e.type() == StorageEvent.Type.ADDED);
    assertThat(events.stream().map(StorageEvent::revision).collect(Collectors.toList()))
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(events.stream().map(StorageEvent::key).collect(Collectors.toSet()))
        .isEqualTo(createdKeys);
    for (KeyValue kv : created) {
      StorageEvent e =
          events.stream().filter(ev -> ev.key().equals(kv.key())).findFirst().orElseThrow();
      assertThat(e.revision()).isEqualTo(kv.modRevision());
    }
    assertThat(recorder.overlappingCalls.get()).isZero();
    recorder.assertNothingMore();
  }

  // ---------------------------------------------------------------- helpers

  /** One increment through {@link GuaranteedUpdate}: read, compute, compare-and-swap, retry. */
  private static void increment(Storage s, String key) {
    GuaranteedUpdate.guaranteedUpdate(
        s,
        key,
        false,
        Preconditions.NONE,
        current -> bytes(Integer.toString(Integer.parseInt(str(current.value())) + 1)));
  }

  private Recorder watch(String prefix, long fromRevision) {
    Recorder recorder = new Recorder();
    watches.add(storage().watch(prefix, fromRevision, recorder));
    return recorder;
  }

  private static void assertCode(ThrowingCallable call, StorageException.Code code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static void assertPrevValue(StorageEvent event, String expected) {
    byte[] prev = event.prevValue();
    if (prev != null) {
      assertThat(str(prev)).isEqualTo(expected);
    }
  }

  private static String nextKey(ListResult page) {
    List<KeyValue> items = page.items();
    return items.get(items.size() - 1).key() + "\0";
  }

  private static List<String> keys(ListResult result) {
    return result.items().stream().map(KeyValue::key).collect(Collectors.toList());
  }

  private static String describe(StorageEvent e) {
    return e.type() + " " + e.key() + " " + str(e.value()) + " @" + e.revision();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String str(byte[] b) {
    return new String(b, UTF_8);
  }

  /** Records what a watch delivers and checks that calls never overlap. */
  private static final class Recorder implements WatchListener {
    final BlockingQueue<StorageEvent> events = new LinkedBlockingQueue<>();
    final BlockingQueue<StorageException> errors = new LinkedBlockingQueue<>();
    final AtomicInteger overlappingCalls = new AtomicInteger();
    private final AtomicBoolean inCall = new AtomicBoolean();

    @Override
    public void onEvent(StorageEvent event) {
      enter();
      events.add(event);
      inCall.set(false);
    }

    @Override
    public void onError(StorageException error) {
      enter();
      errors.add(error);
      inCall.set(false);
    }

    private void enter() {
      if (!inCall.compareAndSet(false, true)) {
        overlappingCalls.incrementAndGet();
      }
    }

    List<StorageEvent> awaitEvents(int count) {
      List<StorageEvent> out = new ArrayList<>(count);
      long deadline = System.nanoTime() + WAIT.toNanos();
      try {
        while (out.size() < count) {
          StorageEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
          if (e == null) {
            fail("expected %s events but got %s: %s (errors: %s)", count, out.size(), out, errors);
          }
          out.add(e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return out;
    }

    StorageException awaitError() {
      try {
        StorageException error = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (error == null) {
          fail("expected an error but got none (events: %s)", events);
        }
        return error;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    /** Waits a little and checks that nothing else arrived. */
    void assertNothingMore() {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      assertThat(events).as("unexpected events").isEmpty();
      assertThat(errors).as("unexpected errors").isEmpty();
      assertThat(overlappingCalls.get()).as("overlapping listener calls").isZero();
    }
  }
}
