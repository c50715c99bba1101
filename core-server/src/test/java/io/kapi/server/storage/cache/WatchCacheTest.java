package io.kapi.server.storage.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.common.base.Ticker;
import io.kapi.server.storage.ForwardingStorage;
import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import io.kapi.server.storage.memory.MemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchCacheTest {
  private static final String PODS = "/registry/pods/";
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** The decoded type: what the cache stores; "rv" comes from the entry's mod revision. */
  record Pod(String key, long rv, String value) {
    String label() {
      return value.split(":")[0];
    }
  }

  private final MemoryStorage storage = MemoryStorage.create();
  private final AtomicInteger serializations = new AtomicInteger();
  private final AtomicInteger decodes = new AtomicInteger();
  private final FakeTicker ticker = new FakeTicker();
  private final List<WatchCache<Pod>> caches = new ArrayList<>();

  @AfterEach
  void close() {
    caches.forEach(WatchCache::close);
    storage.close();
  }

  private WatchCache.Builder<Pod> builder() {
    return WatchCache.builder(
            storage,
            PODS,
            kv -> {
              decodes.incrementAndGet();
              return new Pod(kv.key(), kv.modRevision(), new String(kv.value(), UTF_8));
            },
            pod -> {
              serializations.incrementAndGet();
              return (pod.value() + "@" + pod.rv()).getBytes(UTF_8);
            })
        .ticker(ticker)
        .bookmarkTicks(false);
  }

  private WatchCache<Pod> cache() {
    return cache(builder());
  }

  private WatchCache<Pod> cache(WatchCache.Builder<Pod> builder) {
    WatchCache<Pod> cache = builder.build();
    caches.add(cache);
    return cache;
  }

  // ---------------------------------------------------------------- lists

  @Test
  void startsWithTheStoredObjectsAndListsAnyStateAtOnce() {
    KeyValue a = storage.create(PODS + "default/a", bytes("x:a"));
    storage.create(PODS + "default/b", bytes("x:b"));
    storage.create("/registry/podsx/c", bytes("x:c"));
    WatchCache<Pod> cache = cache();

    CacheListResult<Pod> all = cache.list(CacheListRequest.all(PODS));

    assertThat(keys(all)).containsExactly(PODS + "default/a", PODS + "default/b");
    assertThat(all.revision()).isEqualTo(storage.currentRevision());
    assertThat(all.items().get(0).revision()).isEqualTo(a.modRevision());
    assertThat(all.items().get(0).object().rv()).isEqualTo(a.modRevision());
    assertThat(all.more()).isFalse();
    assertThat(all.remaining()).hasValue(0);
  }

  @Test
  void listsFollowChangesAndNarrowToASubPrefix() throws Exception {
    WatchCache<Pod> cache = cache();
    storage.create(PODS + "default/a", bytes("x:a"));
    storage.create(PODS + "kube-system/b", bytes("x:b"));
    KeyValue last = storage.create(PODS + "default/c", bytes("x:c"));

    CacheListResult<Pod> ns =
        cache.list(
            CacheListRequest.<Pod>all(PODS + "default/").withMinRevision(last.modRevision()));

    assertThat(keys(ns)).containsExactly(PODS + "default/a", PODS + "default/c");
    assertThat(ns.revision()).isGreaterThanOrEqualTo(last.modRevision());
  }

  @Test
  void listsPageWithLimitAndStartKeyAndCountTheRest() {
    for (String n : List.of("a", "b", "c", "d", "e")) {
      storage.create(PODS + n, bytes("x:" + n));
    }
    WatchCache<Pod> cache = cache();

    CacheListResult<Pod> first = cache.list(CacheListRequest.<Pod>all(PODS).withPage("", 2));
    CacheListResult<Pod> second =
        cache.list(CacheListRequest.<Pod>all(PODS).withPage(PODS + "b\0", 2));

    assertThat(keys(first)).containsExactly(PODS + "a", PODS + "b");
    assertThat(first.more()).isTrue();
    assertThat(first.remaining()).hasValue(3);
    assertThat(keys(second)).containsExactly(PODS + "c", PODS + "d");
    assertThat(second.remaining()).hasValue(1);
  }

  @Test
  void listsFilterAndThenDoNotCountTheRest() {
    for (String n : List.of("a", "b", "c", "d")) {
      storage.create(PODS + n, bytes((n.equals("b") ? "red" : "blue") + ":" + n));
    }
    WatchCache<Pod> cache = cache();

    CacheListResult<Pod> blue =
        cache.list(
            CacheListRequest.<Pod>all(PODS)
                .withFilter(p -> p.label().equals("blue"))
                .withPage("", 2));

    assertThat(keys(blue)).containsExactly(PODS + "a", PODS + "c");
    assertThat(blue.more()).isTrue();
    assertThat(blue.remaining()).isEmpty();
  }

  @Test
  void aListNotOlderThanARevisionWaitsForIt() throws Exception {
    WatchCache<Pod> cache = cache(builder().freshnessTimeout(Duration.ofSeconds(3)));
    long next = storage.currentRevision() + 1;

    CompletableFuture<CacheListResult<Pod>> list =
        CompletableFuture.supplyAsync(
            () -> cache.list(CacheListRequest.<Pod>all(PODS).withMinRevision(next)));
    Thread.sleep(100);
    assertThat(list).isNotDone();
    storage.create(PODS + "a", bytes("x:a"));

    CacheListResult<Pod> result = list.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(result.revision()).isGreaterThanOrEqualTo(next);
    assertThat(keys(result)).containsExactly(PODS + "a");
  }

  @Test
  void aRevisionWrittenUnderAnotherPrefixIsReachedThroughProgress() {
    WatchCache<Pod> cache = cache(builder().freshnessTimeout(Duration.ofSeconds(3)));
    KeyValue service = storage.create("/registry/services/s", bytes("x:s"));

    long started = System.nanoTime();
    CacheListResult<Pod> result =
        cache.list(CacheListRequest.<Pod>all(PODS).withMinRevision(service.modRevision()));

    assertThat(result.revision()).isEqualTo(service.modRevision());
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aListNotOlderThanAFutureRevisionFailsWithRevisionTooLarge() {
    WatchCache<Pod> cache = cache(builder().freshnessTimeout(Duration.ofMillis(200)));
    long future = storage.currentRevision() + 10;

    assertThatThrownBy(() -> cache.list(CacheListRequest.<Pod>all(PODS).withMinRevision(future)))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageException.Code.REVISION_TOO_LARGE);
              assertThat(e.getMessage()).isEqualTo("Too large resource version: 10, current: 0");
            });
  }

  @Test
  void getsOneObject() throws Exception {
    KeyValue a = storage.create(PODS + "a", bytes("x:a"));
    WatchCache<Pod> cache = cache();

    Optional<CachedObject<Pod>> got = cache.get(PODS + "a", a.modRevision());

    assertThat(got).isPresent();
    assertThat(got.get().object().value()).isEqualTo("x:a");
    assertThat(cache.get(PODS + "b", 0)).isEmpty();
    assertThatThrownBy(() -> cache.get("/registry/services/a", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- watches

  @Test
  void aWatchWithInitialEventsGetsAnAddedPerObjectThenChanges() throws Exception {
    storage.create(PODS + "a", bytes("x:a"));
    storage.create(PODS + "b", bytes("x:b"));
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch = cache.watch(CacheWatchRequest.stateAndChanges(PODS), consumer);
    KeyValue c = storage.create(PODS + "c", bytes("x:c"));

    assertThat(describe(consumer.await(watch, 3)))
        .containsExactly(
            "ADDED " + PODS + "a x:a@1",
            "ADDED " + PODS + "b x:b@2",
            "ADDED " + PODS + "c x:c@" + c.modRevision());
    consumer.assertNothingMore(watch);
  }

  @Test
  void initialEventsHonourTheFilterAndTheSubPrefix() throws Exception {
    storage.create(PODS + "default/a", bytes("red:a"));
    storage.create(PODS + "default/b", bytes("blue:b"));
    storage.create(PODS + "other/c", bytes("red:c"));
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch =
        cache.watch(
            CacheWatchRequest.<Pod>stateAndChanges(PODS + "default/")
                .withFilter(p -> p.label().equals("red")),
            consumer);

    assertThat(describe(consumer.await(watch, 1)))
        .containsExactly("ADDED " + PODS + "default/a red:a@1");
    consumer.assertNothingMore(watch);
  }

  @Test
  void anInitialStateWatchForAFutureRevisionGetsOneRevisionTooLargeError() throws Exception {
    WatchCache<Pod> cache = cache(builder().freshnessTimeout(Duration.ofMillis(100)));
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch =
        cache.watch(
            CacheWatchRequest.<Pod>changesAfter(PODS, storage.currentRevision() + 5)
                .withInitialEvents(CacheWatchRequest.InitialEvents.ADDED_THEN_BOOKMARK),
            consumer);

    WatchCacheEvent<Pod> event = consumer.await(watch, 1).get(0);
    assertThat(event.type()).isEqualTo(WatchCacheEvent.Type.ERROR);
    assertThat(event.error().code()).isEqualTo(StorageException.Code.REVISION_TOO_LARGE);
    assertThat(watch.isClosed()).isTrue();
    assertThat(cache.watcherCount()).isZero();
  }

  @Test
  void watchersRegisteredDuringWritesSeeEveryLaterChangeExactlyOnce() throws Exception {
    WatchCache<Pod> cache = cache();
    int writes = 2_000;
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              KeyValue counter = storage.create(PODS + "counter", bytes("x:0"));
              for (int i = 1; i < writes; i++) {
                if (i % 3 == 0) {
                  storage.create(PODS + "k" + i, bytes("x:" + i));
                } else {
                  counter =
                      storage.update(PODS + "counter", counter.modRevision(), bytes("x:" + i));
                }
              }
            });
    List<CacheWatch<Pod>> watches = new ArrayList<>();
    List<Consumer> consumers = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    while (!writer.isDone() && watches.size() < 40) {
      long from = Math.max(0, cache.revision() - watches.size() % 7);
      Consumer c = new Consumer();
      watches.add(
          cache.watch(CacheWatchRequest.<Pod>changesAfter(PODS, from).withBufferSize(writes), c));
      consumers.add(c);
      starts.add(from);
      Thread.sleep(1);
    }
    writer.get(30, TimeUnit.SECONDS);

    int checked = 0;
    for (int i = 0; i < watches.size(); i++) {
      long from = starts.get(i);
      if (from == 0) {
        continue; // from 0 means "after whatever the cache had": not a fixed revision
      }
      checked++;
      int expected = (int) (writes - from);
      List<Long> revisions =
          consumers.get(i).await(watches.get(i), expected).stream()
              .map(WatchCacheEvent::revision)
              .collect(Collectors.toList());
      List<Long> wanted = new ArrayList<>();
      for (long r = from + 1; r <= writes; r++) {
        wanted.add(r);
      }
      assertThat(revisions).as("watch from %s", from).isEqualTo(wanted);
    }
    assertThat(checked).isPositive();
    Thread.sleep(100);
    assertThat(watches).allMatch(w -> w.poll() == null || starts.get(watches.indexOf(w)) == 0);
  }

  @Test
  void sendInitialEventsEndsTheInitialEventsWithABookmark() throws Exception {
    storage.create(PODS + "a", bytes("x:a"));
    KeyValue b = storage.create(PODS + "b", bytes("x:b"));
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch =
        cache.watch(
            CacheWatchRequest.<Pod>changesAfter(PODS, b.modRevision())
                .withInitialEvents(CacheWatchRequest.InitialEvents.ADDED_THEN_BOOKMARK)
                .withBookmarks(true),
            consumer);

    List<WatchCacheEvent<Pod>> events = consumer.await(watch, 3);
    assertThat(describe(events.subList(0, 2)))
        .containsExactly("ADDED " + PODS + "a x:a@1", "ADDED " + PODS + "b x:b@2");
    assertThat(events.get(2).type()).isEqualTo(WatchCacheEvent.Type.BOOKMARK);
    assertThat(events.get(2).isInitialEventsEnd()).isTrue();
    assertThat(events.get(2).revision()).isEqualTo(b.modRevision());
  }

  @Test
  void aWatchFromZeroWithoutInitialEventsGetsOnlyNewChanges() throws Exception {
    storage.create(PODS + "a", bytes("x:a"));
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch = cache.watch(CacheWatchRequest.changesAfter(PODS, 0), consumer);
    KeyValue b = storage.create(PODS + "b", bytes("x:b"));

    assertThat(describe(consumer.await(watch, 1)))
        .containsExactly("ADDED " + PODS + "b x:b@" + b.modRevision());
  }

  @Test
  void aWatchFromARevisionInTheHistoryReplaysLaterChangesThenLiveOnes() throws Exception {
    WatchCache<Pod> cache = cache();
    KeyValue a = storage.create(PODS + "a", bytes("x:a1"));
    KeyValue a2 = storage.update(PODS + "a", a.modRevision(), bytes("x:a2"));
    KeyValue gone = storage.delete(PODS + "a", 0);
    cache.list(CacheListRequest.<Pod>all(PODS).withMinRevision(gone.modRevision()));
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch =
        cache.watch(CacheWatchRequest.changesAfter(PODS, a.modRevision()), consumer);
    KeyValue b = storage.create(PODS + "b", bytes("x:b"));

    assertThat(describe(consumer.await(watch, 3)))
        .containsExactly(
            "MODIFIED " + PODS + "a x:a2@" + a2.modRevision(),
            "DELETED " + PODS + "a x:a2@" + gone.modRevision(),
            "ADDED " + PODS + "b x:b@" + b.modRevision());
    consumer.assertNothingMore(watch);
  }

  @Test
  void aWatchFromAFutureRevisionStartsStrictlyAfterIt() throws Exception {
    WatchCache<Pod> cache = cache();
    long future = storage.currentRevision() + 2;
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch = cache.watch(CacheWatchRequest.changesAfter(PODS, future), consumer);
    storage.create(PODS + "a", bytes("x:a"));
    storage.create(PODS + "b", bytes("x:b"));
    KeyValue c = storage.create(PODS + "c", bytes("x:c"));

    assertThat(c.modRevision()).isEqualTo(future + 1);
    assertThat(describe(consumer.await(watch, 1)))
        .containsExactly("ADDED " + PODS + "c x:c@" + c.modRevision());
    consumer.assertNothingMore(watch);
  }

  @Test
  void aWatchFromARevisionOlderThanTheHistoryGetsOneCompactedError() throws Exception {
    WatchCache<Pod> cache = cache(builder().history(Duration.ZERO, 4, 4));
    KeyValue first = storage.create(PODS + "a0", bytes("x"));
    for (int i = 1; i < 10; i++) {
      storage.create(PODS + "a" + i, bytes("x"));
    }
    cache.list(CacheListRequest.<Pod>all(PODS).withMinRevision(storage.currentRevision()));
    assertThat(cache.historyStart()).isEqualTo(6);
    Consumer fromStart = new Consumer();
    CacheWatch<Pod> ok = cache.watch(CacheWatchRequest.changesAfter(PODS, 6), fromStart);
    assertThat(fromStart.await(ok, 4)).allMatch(e -> e.type() == WatchCacheEvent.Type.ADDED);
    Consumer consumer = new Consumer();

    CacheWatch<Pod> watch =
        cache.watch(CacheWatchRequest.changesAfter(PODS, first.modRevision()), consumer);
    storage.create(PODS + "later", bytes("x"));

    List<WatchCacheEvent<Pod>> events = consumer.await(watch, 1);
    assertThat(events.get(0).type()).isEqualTo(WatchCacheEvent.Type.ERROR);
    StorageException error = events.get(0).error();
    assertThat(error).isNotNull();
    assertThat(error.code()).isEqualTo(StorageException.Code.COMPACTED);
    assertThat(error.getMessage()).isEqualTo("too old resource version: 1 (6)");
    consumer.assertNothingMore(watch);
    assertThat(watch.isClosed()).isTrue();
    assertThat(cache.watcherCount()).isEqualTo(1); // only the watch from the history start
  }

  @Test
  void aFilteredWatcherSeesChangesAcrossTheFilterAsAddsAndDeletes() throws Exception {
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();
    CacheWatch<Pod> watch =
        cache.watch(
            CacheWatchRequest.<Pod>changesAfter(PODS, 0).withFilter(p -> p.label().equals("red")),
            consumer);

    KeyValue a = storage.create(PODS + "a", bytes("blue:1"));
    KeyValue a2 = storage.update(PODS + "a", a.modRevision(), bytes("red:2"));
    KeyValue a3 = storage.update(PODS + "a", a2.modRevision(), bytes("red:3"));
    KeyValue a4 = storage.update(PODS + "a", a3.modRevision(), bytes("blue:4"));
    storage.update(PODS + "a", a4.modRevision(), bytes("blue:5"));
    KeyValue b = storage.create(PODS + "b", bytes("red:b"));
    KeyValue bGone = storage.delete(PODS + "b", 0);

    assertThat(describe(consumer.await(watch, 5)))
        .containsExactly(
            "ADDED " + PODS + "a red:2@" + a2.modRevision(),
            "MODIFIED " + PODS + "a red:3@" + a3.modRevision(),
            "DELETED " + PODS + "a red:3@" + a4.modRevision(),
            "ADDED " + PODS + "b red:b@" + b.modRevision(),
            "DELETED " + PODS + "b red:b@" + bGone.modRevision());
    consumer.assertNothingMore(watch);
  }

  @Test
  void aWatcherOfASubPrefixSeesOnlyItsKeys() throws Exception {
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();
    CacheWatch<Pod> watch =
        cache.watch(CacheWatchRequest.changesAfter(PODS + "default/", 0), consumer);

    storage.create(PODS + "other/a", bytes("x:o"));
    KeyValue mine = storage.create(PODS + "default/a", bytes("x:d"));

    assertThat(describe(consumer.await(watch, 1)))
        .containsExactly("ADDED " + PODS + "default/a x:d@" + mine.modRevision());
    consumer.assertNothingMore(watch);
  }

  @Test
  void anOverflowClosesOnlyTheSlowWatcher() throws Exception {
    WatchCache<Pod> cache = cache();
    Consumer slow = new Consumer();
    Consumer fast = new Consumer();
    CacheWatch<Pod> slowWatch =
        cache.watch(CacheWatchRequest.<Pod>changesAfter(PODS, 0).withBufferSize(5), slow);
    CacheWatch<Pod> fastWatch =
        cache.watch(CacheWatchRequest.<Pod>changesAfter(PODS, 0).withBufferSize(5), fast);

    for (int i = 0; i < 20; i++) {
      storage.create(PODS + i, bytes("x"));
      fast.await(fastWatch, 1); // keeps up
    }

    assertThat(slow.closed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isEqualTo(WatchCloseReason.TOO_SLOW);
    assertThat(slowWatch.isClosed()).isTrue();
    assertThat(slowWatch.closeReason()).isEqualTo(WatchCloseReason.TOO_SLOW);
    assertThat(slowWatch.poll()).isNull();
    assertThat(fastWatch.isClosed()).isFalse();
    assertThat(fast.closed).isEmpty();
    assertThat(cache.watcherCount()).isEqualTo(1);
  }

  @Test
  void eachChangeIsSerializedOnceForAHundredWatchers() throws Exception {
    WatchCache<Pod> cache = cache();
    List<CacheWatch<Pod>> watches = new ArrayList<>();
    List<Consumer> consumers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Consumer c = new Consumer();
      consumers.add(c);
      watches.add(cache.watch(CacheWatchRequest.changesAfter(PODS, 0), c));
    }
    int decodesBefore = decodes.get();

    KeyValue a = storage.create(PODS + "a", bytes("x:1"));
    KeyValue a2 = storage.update(PODS + "a", a.modRevision(), bytes("x:2"));
    storage.create(PODS + "b", bytes("x:b"));

    List<byte[]> written = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      for (WatchCacheEvent<Pod> e : consumers.get(i).await(watches.get(i), 3)) {
        written.add(e.object().serialized());
      }
    }
    assertThat(written).hasSize(300);
    assertThat(serializations.get()).isEqualTo(3);
    assertThat(decodes.get() - decodesBefore).isEqualTo(3);
    assertThat(new String(written.get(1), UTF_8)).isEqualTo("x:2@" + a2.modRevision());
  }

  @Test
  void bookmarksComeAtTheIntervalToWatchersThatAllowThem() throws Exception {
    WatchCache<Pod> cache = cache(builder().bookmarkInterval(Duration.ofSeconds(60)));
    Consumer withBookmarks = new Consumer();
    Consumer without = new Consumer();
    CacheWatch<Pod> w1 =
        cache.watch(
            CacheWatchRequest.<Pod>changesAfter(PODS, 0).withBookmarks(true), withBookmarks);
    CacheWatch<Pod> w2 = cache.watch(CacheWatchRequest.changesAfter(PODS, 0), without);
    KeyValue a = storage.create(PODS + "a", bytes("x:a"));
    withBookmarks.await(w1, 1);
    without.await(w2, 1);

    ticker.advance(Duration.ofSeconds(30));
    cache.emitDueBookmarks();
    withBookmarks.assertNothingMore(w1);

    ticker.advance(Duration.ofSeconds(31));
    cache.emitDueBookmarks();
    List<WatchCacheEvent<Pod>> events = withBookmarks.await(w1, 1);
    assertThat(events.get(0).type()).isEqualTo(WatchCacheEvent.Type.BOOKMARK);
    assertThat(events.get(0).revision()).isEqualTo(a.modRevision());
    assertThat(events.get(0).object()).isNull();
    without.assertNothingMore(w2);

    cache.emitDueBookmarks(); // not due again yet
    withBookmarks.assertNothingMore(w1);
  }

  @Test
  void aRequestedBookmarkFollowsTheQueuedEvents() throws Exception {
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();
    CacheWatch<Pod> watch = cache.watch(CacheWatchRequest.changesAfter(PODS, 0), consumer);
    storage.create(PODS + "a", bytes("x:a"));
    KeyValue b = storage.create(PODS + "b", bytes("x:b"));
    cache.list(CacheListRequest.<Pod>all(PODS).withMinRevision(b.modRevision()));

    watch.requestBookmark();

    List<WatchCacheEvent<Pod>> events = consumer.await(watch, 3);
    assertThat(events.get(2).type()).isEqualTo(WatchCacheEvent.Type.BOOKMARK);
    assertThat(events.get(2).revision()).isEqualTo(b.modRevision());
  }

  @Test
  void closingAWatchUnregistersItSilently() throws Exception {
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();
    CacheWatch<Pod> watch = cache.watch(CacheWatchRequest.changesAfter(PODS, 0), consumer);
    assertThat(cache.watcherCount()).isEqualTo(1);

    watch.close();
    storage.create(PODS + "a", bytes("x:a"));

    assertThat(cache.watcherCount()).isZero();
    assertThat(watch.poll()).isNull();
    assertThat(consumer.closed).isEmpty();
  }

  @Test
  void closingTheCacheClosesItsWatchers() throws Exception {
    WatchCache<Pod> cache = cache();
    Consumer consumer = new Consumer();
    CacheWatch<Pod> watch = cache.watch(CacheWatchRequest.changesAfter(PODS, 0), consumer);

    cache.close();

    assertThat(consumer.closed.poll()).isEqualTo(WatchCloseReason.CACHE_CLOSED);
    assertThat(watch.isClosed()).isTrue();
    assertThatThrownBy(() -> cache.watch(CacheWatchRequest.changesAfter(PODS, 0), new Consumer()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailedStorageWatchResetsTheCacheAndItsWatchers() throws Exception {
    FailingStorage failing = new FailingStorage(storage);
    WatchCache<Pod> cache =
        cache(
            WatchCache.<Pod>builder(
                    failing,
                    PODS,
                    kv -> new Pod(kv.key(), kv.modRevision(), new String(kv.value(), UTF_8)),
                    pod -> pod.value().getBytes(UTF_8))
                .bookmarkTicks(false));
    Consumer consumer = new Consumer();
    CacheWatch<Pod> watch = cache.watch(CacheWatchRequest.changesAfter(PODS, 0), consumer);
    storage.create(PODS + "a", bytes("x:a"));
    consumer.await(watch, 1);

    failing.failWatch();

    assertThat(consumer.closed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isEqualTo(WatchCloseReason.CACHE_RESET);
    KeyValue b = storage.create(PODS + "b", bytes("x:b"));
    CacheListResult<Pod> after =
        cache.list(CacheListRequest.<Pod>all(PODS).withMinRevision(b.modRevision()));
    assertThat(keys(after)).containsExactly(PODS + "a", PODS + "b");
    assertThat(failing.watches.get()).isEqualTo(2);
  }

  // ---------------------------------------------------------------- helpers

  private static List<String> keys(CacheListResult<Pod> result) {
    return result.items().stream().map(CachedObject::key).collect(Collectors.toList());
  }

  private static List<String> describe(List<WatchCacheEvent<Pod>> events) {
    return events.stream()
        .map(
            e ->
                e.type()
                    + " "
                    + (e.object() == null
                        ? "-"
                        : e.object().key() + " " + new String(e.object().serialized(), UTF_8)))
        .collect(Collectors.toList());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** A consumer that tests drain by polling whenever signalled. */
  static final class Consumer implements WatchCacheConsumer {
    final Semaphore signals = new Semaphore(0);
    final BlockingQueue<WatchCloseReason> closed = new LinkedBlockingQueue<>();

    @Override
    public void onEventsAvailable() {
      signals.release();
    }

    @Override
    public void onClosed(WatchCloseReason reason) {
      closed.add(reason);
      signals.release();
    }

    List<WatchCacheEvent<Pod>> await(CacheWatch<Pod> watch, int count) throws InterruptedException {
      List<WatchCacheEvent<Pod>> out = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (out.size() < count) {
        WatchCacheEvent<Pod> e = watch.poll();
        if (e != null) {
          out.add(e);
          continue;
        }
        if (!signals.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          fail("expected %s events but got %s: %s", count, out.size(), out);
        }
      }
      return out;
    }

    void assertNothingMore(CacheWatch<Pod> watch) throws InterruptedException {
      Thread.sleep(100);
      assertThat(watch.poll()).isNull();
    }
  }

  static final class FakeTicker extends Ticker {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }
  }

  /** Delegates to a real store and lets a test end the current watch with an error. */
  static final class FailingStorage extends ForwardingStorage {
    private final AtomicReference<@Nullable WatchListener> listener = new AtomicReference<>();
    final AtomicInteger watches = new AtomicInteger();

    FailingStorage(Storage delegate) {
      super(delegate);
    }

    void failWatch() {
      WatchListener l = listener.get();
      if (l == null) {
        throw new IllegalStateException("no watch");
      }
      l.onError(new StorageException(StorageException.Code.INTERNAL, PODS, "connection lost"));
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener l) {
      watches.incrementAndGet();
      listener.set(l);
      return delegate.watch(prefix, fromRevision, l);
    }

    @Override
    public void close() {}
  }
}
