package io.kapi.server.storage.cache;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Ticker;
import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.ListResult;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory mirror of every object under one storage prefix (one resource), kept current by a
 * single {@link Storage#watch}, as kube-apiserver's cacher does for etcd. It serves:
 *
 * <ul>
 *   <li>lists and gets of "any" state ({@code resourceVersion=0}) and of a state "not older than" a
 *       revision (waiting up to the freshness timeout, 3 s by default, for the cache to reach it,
 *       else {@code REVISION_TOO_LARGE}), from a persistent sorted tree: a list reads an immutable
 *       snapshot and never blocks the cache;
 *   <li>watches from any revision still in its ring of recent changes (at least 75 s or 100
 *       changes, up to 100 Ki changes), from the current state (synthetic {@code ADDED} events), or
 *       a single {@code COMPACTED} {@code ERROR} event when the revision is too old;
 *   <li>bookmarks, periodic and on request.
 * </ul>
 *
 * <p>Fan-out: each change is decoded once (with the {@code decoder}), and its object serialized at
 * most once (with the {@code serializer}, lazily, when the first watcher or list writes it); every
 * watcher gets the same {@link WatchCacheEvent}. Watchers hold no thread: the cache appends to each
 * watcher's bounded buffer and signals its {@link WatchCacheConsumer}; a watcher whose buffer
 * overflows is closed ({@link WatchCloseReason#TOO_SLOW}) without affecting the others.
 *
 * <p>Thread-safe. Changes are applied on the storage watch's thread; lists read without locking.
 *
 * <pre>{@code
 * WatchCache<Pod> pods =
 *     WatchCache.builder(storage, "/registry/pods/", kv -> decode(kv), codec::toJson).build();
 * CacheListResult<Pod> all = pods.list(CacheListRequest.all("/registry/pods/default/"));
 * CacheWatch<Pod> w = pods.watch(CacheWatchRequest.changesAfter("/registry/pods/", rv), consumer);
 * }</pre>
 *
 * @param <T> the decoded object type
 */
public final class WatchCache<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WatchCache.class);
  private static final int LIST_PAGE = 10_000;
  private static final long MAX_RELOAD_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Storage storage;
  private final String prefix;
  private final Function<KeyValue, T> decoder;
  private final Function<? super T, byte[]> serializer;
  private final Function<KeyValue, CachedObject<T>> restamp = this::cachedObject;
  private final int defaultBufferSize;
  private final long bookmarkIntervalNanos;
  private final long freshnessTimeoutNanos;
  private final Ticker ticker;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;

  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled whenever the snapshot's revision advances. */
  private final Condition advanced = lock.newCondition();

  private final SplittableRandom random = new SplittableRandom();
  private final EventRing<T> ring;
  private final PagedSnapshots<CachedObject<T>> paged;

  /** The current state; replaced (never mutated) by the dispatcher under the lock. */
  private volatile Snapshot<T> snapshot;

  // guarded by lock
  @SuppressWarnings("unchecked")
  private CacheWatcher<T>[] watchers = (CacheWatcher<T>[]) new CacheWatcher<?>[16];

  private int watcherCount;
  private int generation;
  private long reloadBackoffNanos;

  private volatile @Nullable Watch backendWatch;
  private volatile boolean closed;
  private final @Nullable ScheduledFuture<?> bookmarkTask;

  private WatchCache(Builder<T> b) {
    this.storage = b.storage;
    this.prefix = b.prefix;
    this.decoder = b.decoder;
    this.serializer = b.serializer;
    this.defaultBufferSize = b.bufferSize;
    this.bookmarkIntervalNanos = b.bookmarkInterval.toNanos();
    this.freshnessTimeoutNanos = b.freshnessTimeout.toNanos();
    this.ticker = b.ticker;
    this.ring = new EventRing<>(b.minEvents, b.maxEvents, b.eventRetention.toNanos(), 0);
    this.paged = new PagedSnapshots<>(b.pagedSnapshots, b.pagedSnapshotTtl.toNanos(), b.ticker);
    this.snapshot = new Snapshot<>(ObjectTree.empty(), 0);
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownsScheduler = false;
    } else {
      this.scheduler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "kapi-watch-cache " + b.prefix);
                t.setDaemon(true);
                return t;
              });
      this.ownsScheduler = true;
    }
    try {
      loadAndWatch(); // fails the build if the storage cannot be listed or watched
    } catch (RuntimeException e) {
      if (ownsScheduler) {
        scheduler.shutdownNow();
      }
      throw e;
    }
    // check every tenth of the interval (10 ms .. 1 s) whose bookmarks are due
    long tick =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10),
            Math.min(TimeUnit.SECONDS.toNanos(1), bookmarkIntervalNanos / 10));
    this.bookmarkTask =
        b.bookmarkTicks
            ? scheduler.scheduleWithFixedDelay(
                this::emitDueBookmarks, tick, tick, TimeUnit.NANOSECONDS)
            : null;
  }

  /**
   * Starts configuring a cache of the objects under {@code prefix} (for instance {@code
   * /registry/pods/}).
   *
   * @param decoder turns a stored entry into the object; it must set the object's resource version
   *     from {@link KeyValue#modRevision()} (for deletes the cache passes the last value with the
   *     delete's revision)
   * @param serializer turns an object into the bytes watchers and lists write (e.g. its JSON)
   */
  public static <T> Builder<T> builder(
      Storage storage,
      String prefix,
      Function<KeyValue, T> decoder,
      Function<? super T, byte[]> serializer) {
    return new Builder<>(storage, prefix, decoder, serializer);
  }

  /** The storage prefix this cache mirrors. */
  public String prefix() {
    return prefix;
  }

  /** The revision of the state the cache holds now. */
  public long revision() {
    return snapshot.revision;
  }

  /**
   * Whether the cache holds the state at {@code revision} or later; if not, asks the backend
   * (without waiting) to confirm its progress, so that a cache that is only behind on other
   * prefixes' revisions soon is fresh again.
   */
  public boolean isFresh(long revision) {
    if (snapshot.revision >= revision) {
      return true;
    }
    Watch w = backendWatch;
    if (w != null) {
      w.requestProgress();
    }
    return false;
  }

  /** How many watchers are registered now. */
  public int watcherCount() {
    lock.lock();
    try {
      return watcherCount;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lists objects from the cache; see {@link CacheListRequest}. Blocks only to wait for a state not
   * older than {@link CacheListRequest#minRevision()}.
   *
   * @throws StorageException {@code REVISION_TOO_LARGE} if the cache does not reach the requested
   *     revision within the freshness timeout
   * @throws IllegalArgumentException if the request's prefix is outside the cache's prefix
   */
  public CacheListResult<T> list(CacheListRequest<T> request) {
    checkNotNull(request, "request");
    checkPrefix(request.prefix());
    return page(atLeast(request.minRevision()), request);
  }

  /**
   * The next page of a list whose earlier pages this cache served at {@code revision}, from that
   * same state, if the cache still keeps it (see {@link Builder#pagedSnapshots}); empty if not, and
   * then the caller reads the storage at {@code revision}. The request's minimum revision is
   * ignored. A kept state outlives a compaction of the storage: a caller that must answer as the
   * storage would checks the compacted revision first.
   *
   * @throws IllegalArgumentException if the request's prefix is outside the cache's prefix
   */
  public Optional<CacheListResult<T>> continueList(long revision, CacheListRequest<T> request) {
    checkNotNull(request, "request");
    checkPrefix(request.prefix());
    ObjectTree<CachedObject<T>> tree = paged.get(revision);
    return tree == null
        ? Optional.empty()
        : Optional.of(page(new Snapshot<>(tree, revision), request));
  }

  /** One page of {@code s}; keeps {@code s} for the next pages when more follow. */
  private CacheListResult<T> page(Snapshot<T> s, CacheListRequest<T> request) {
    String listPrefix = request.prefix();
    String from = request.startKey().compareTo(listPrefix) > 0 ? request.startKey() : listPrefix;
    Predicate<? super T> filter = request.filter();
    int limit = request.limit();
    List<CachedObject<T>> items = new ArrayList<>(limit > 0 ? Math.min(limit, 1024) : 64);
    ObjectTree.Cursor<CachedObject<T>> cursor = s.tree.cursorFrom(from);
    boolean more = false;
    while (cursor.next()) {
      if (!cursor.key().startsWith(listPrefix)) {
        break;
      }
      CachedObject<T> o = cursor.value();
      if (filter != null && !filter.test(o.object())) {
        continue;
      }
      if (limit > 0 && items.size() == limit) {
        more = true;
        break;
      }
      items.add(o);
    }
    OptionalLong remaining = OptionalLong.empty();
    if (filter == null) {
      if (more) {
        String next = items.get(items.size() - 1).key() + "\0";
        remaining = OptionalLong.of(s.tree.countFrom(next, listPrefix));
      } else {
        remaining = OptionalLong.of(0);
      }
    }
    if (more) {
      paged.keep(s.revision, s.tree);
    }
    return new CacheListResult<>(items, s.revision, more, remaining);
  }

  /**
   * The object under {@code key} in a state not older than {@code minRevision} ({@code 0}: any).
   *
   * @throws StorageException {@code REVISION_TOO_LARGE} as for {@link #list}
   */
  public Optional<CachedObject<T>> get(String key, long minRevision) {
    checkNotNull(key, "key");
    checkArgument(minRevision >= 0, "minRevision must not be negative: %s", minRevision);
    checkPrefix(key);
    return Optional.ofNullable(atLeast(minRevision).tree.get(key));
  }

  /**
   * Registers a watcher; see {@link CacheWatchRequest}. Events become available to {@code consumer}
   * through the returned {@link CacheWatch}. A start revision the cache no longer has in its
   * history yields a watch whose only event is an {@code ERROR} with code {@code COMPACTED}
   * (message {@code too old resource version: R (S)}); waiting in vain for a "not older than" state
   * yields one with {@code REVISION_TOO_LARGE}. Blocks only for that wait.
   *
   * @throws IllegalArgumentException if the request's prefix is outside the cache's prefix
   * @throws IllegalStateException if the cache is closed
   */
  public CacheWatch<T> watch(CacheWatchRequest<T> request, WatchCacheConsumer consumer) {
    checkNotNull(request, "request");
    checkNotNull(consumer, "consumer");
    checkPrefix(request.prefix());
    checkState(!closed, "watch cache for %s is closed", prefix);
    int bufferSize = request.bufferSize() > 0 ? request.bufferSize() : defaultBufferSize;
    CacheWatcher<T> w =
        new CacheWatcher<>(
            this, request.prefix(), request.filter(), consumer, request.bookmarks(), bufferSize);
    long from = request.fromRevision();
    boolean initialState = request.initialEvents() != CacheWatchRequest.InitialEvents.NONE;
    if (initialState && from > 0) {
      try {
        atLeast(from);
      } catch (StorageException e) {
        return failed(w, e);
      }
    }
    CacheWatcher.CatchUp<T> catchUp = null;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("watch cache for " + prefix + " is closed");
      }
      Snapshot<T> s = snapshot;
      long current = s.revision;
      if (initialState) {
        boolean mark =
            request.initialEvents() == CacheWatchRequest.InitialEvents.ADDED_THEN_BOOKMARK;
        catchUp = new CacheWatcher.StateCatchUp<>(s.tree, w.prefix, w.filter, mark ? current : -1);
        w.minRevision = current;
      } else if (from == 0) {
        w.minRevision = current;
      } else if (from < ring.historyStart()) {
        StorageException tooOld =
            new StorageException(
                StorageException.Code.COMPACTED,
                request.prefix(),
                "too old resource version: " + from + " (" + ring.historyStart() + ")");
        catchUp = new CacheWatcher.ErrorCatchUp<>(WatchCacheEvent.error(tooOld));
      } else if (from >= current) {
        w.minRevision = from;
      } else {
        catchUp =
            new CacheWatcher.HistoryCatchUp<>(
                ring, ring.firstSeqAfter(from), ring.nextSeq(), w.prefix, w.filter, restamp);
        w.minRevision = current;
      }
      if (!(catchUp instanceof CacheWatcher.ErrorCatchUp)) {
        w.nextBookmarkNanos = ticker.read() + bookmarkIntervalNanos;
        add(w);
      }
    } finally {
      lock.unlock();
    }
    if (catchUp != null && w.startWith(catchUp)) {
      consumer.onEventsAvailable();
    }
    return w;
  }

  /** Stops the storage watch and closes every watcher ({@link WatchCloseReason#CACHE_CLOSED}). */
  @Override
  public void close() {
    List<CacheWatcher<T>> terminated;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      generation++;
      terminated = terminateAll(WatchCloseReason.CACHE_CLOSED);
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
    Watch w = backendWatch;
    if (w != null) {
      w.close();
    }
    if (bookmarkTask != null) {
      bookmarkTask.cancel(false);
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    notifyClosed(terminated, WatchCloseReason.CACHE_CLOSED);
  }

  @Override
  public String toString() {
    return "WatchCache{"
        + prefix
        + " @"
        + snapshot.revision
        + ", "
        + snapshot.tree.size()
        + " objects}";
  }

  // ---------------------------------------------------------------- package-private, for watchers
  // and tests

  void unregister(CacheWatcher<T> w) {
    lock.lock();
    try {
      remove(w);
    } finally {
      lock.unlock();
    }
  }

  void bookmarkNow(CacheWatcher<T> w) {
    int result;
    lock.lock();
    try {
      if (w.index < 0) {
        return;
      }
      result = w.offer(WatchCacheEvent.bookmark(snapshot.revision, false));
      if (result == CacheWatcher.OVERFLOWED) {
        remove(w);
      }
    } finally {
      lock.unlock();
    }
    afterOffer(w, result);
  }

  /** Sends a bookmark to every bookmark-enabled watcher whose interval has passed. */
  void emitDueBookmarks() {
    List<CacheWatcher<T>> signal = null;
    List<CacheWatcher<T>> overflowed = null;
    lock.lock();
    try {
      long now = ticker.read();
      long revision = snapshot.revision;
      for (int i = watcherCount - 1; i >= 0; i--) {
        CacheWatcher<T> w = watchers[i];
        if (!w.bookmarks || now - w.nextBookmarkNanos < 0 || w.minRevision > revision) {
          continue;
        }
        w.nextBookmarkNanos = now + bookmarkIntervalNanos;
        int result = w.offer(WatchCacheEvent.bookmark(revision, false));
        if (result == CacheWatcher.QUEUED_SIGNAL) {
          signal = add(signal, w);
        } else if (result == CacheWatcher.OVERFLOWED) {
          removeAt(i);
          overflowed = add(overflowed, w);
        }
      }
    } catch (RuntimeException e) {
      log.warn("watch cache {}: bookmarks failed", prefix, e);
    } finally {
      lock.unlock();
    }
    signalAndNotify(signal, overflowed);
  }

  int ringSize() {
    lock.lock();
    try {
      return ring.size();
    } finally {
      lock.unlock();
    }
  }

  int ringCapacity() {
    lock.lock();
    try {
      return ring.capacity();
    } finally {
      lock.unlock();
    }
  }

  long historyStart() {
    lock.lock();
    try {
      return ring.historyStart();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- applying storage events

  private final class Feeder implements WatchListener {
    private final int generation;

    Feeder(int generation) {
      this.generation = generation;
    }

    @Override
    public void onEvent(StorageEvent event) {
      apply(event, generation);
    }

    @Override
    public void onError(StorageException error) {
      log.warn("watch cache {}: storage watch ended ({}); reloading", prefix, error.getMessage());
      scheduleReload(generation);
    }

    @Override
    public void onProgress(long revision) {
      progress(revision, generation);
    }
  }

  private void apply(StorageEvent event, int gen) {
    Snapshot<T> before = snapshot; // only this (dispatching) thread replaces it
    String key = event.key();
    CachedObject<T> prev = before.tree.get(key);
    long createRevision =
        prev != null && event.type() != StorageEvent.Type.ADDED
            ? prev.keyValue().createRevision()
            : event.revision();
    CachedObject<T> object;
    try {
      object = cachedObject(new KeyValue(key, event.value(), createRevision, event.revision()));
    } catch (RuntimeException e) {
      log.error(
          "watch cache {}: cannot decode {} at revision {}; skipped",
          prefix,
          key,
          event.revision(),
          e);
      return;
    }
    List<CacheWatcher<T>> signal = null;
    List<CacheWatcher<T>> overflowed = null;
    lock.lock();
    try {
      Snapshot<T> s = snapshot;
      if (gen != generation || event.revision() <= s.revision) {
        return; // a stale storage watch, or already applied
      }
      ObjectTree<CachedObject<T>> tree;
      WatchCacheEvent.Type type;
      if (event.type() == StorageEvent.Type.DELETED) {
        if (prev == null) {
          publish(s.tree, event.revision());
          return; // the cache never had it: nothing to tell watchers
        }
        type = WatchCacheEvent.Type.DELETED;
        tree = s.tree.remove(key);
      } else {
        type = prev == null ? WatchCacheEvent.Type.ADDED : WatchCacheEvent.Type.MODIFIED;
        tree = s.tree.put(key, object, random);
      }
      long now = ticker.read();
      Change<T> change = new Change<>(ring.nextSeq(), type, key, object, prev, now);
      ring.append(change, now);
      publish(tree, event.revision());

      for (int i = watcherCount - 1; i >= 0; i--) {
        CacheWatcher<T> w = watchers[i];
        if (change.revision <= w.minRevision || !key.startsWith(w.prefix)) {
          continue;
        }
        WatchCacheEvent<T> e = change.eventFor(w.filter, restamp);
        if (e == null) {
          continue;
        }
        int result = w.offer(e);
        if (result == CacheWatcher.QUEUED_SIGNAL) {
          signal = add(signal, w);
        } else if (result == CacheWatcher.OVERFLOWED) {
          removeAt(i);
          overflowed = add(overflowed, w);
        }
      }
    } finally {
      lock.unlock();
    }
    signalAndNotify(signal, overflowed);
  }

  private void progress(long revision, int gen) {
    lock.lock();
    try {
      Snapshot<T> s = snapshot;
      if (gen == generation && revision > s.revision) {
        publish(s.tree, revision);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Lock held. */
  private void publish(ObjectTree<CachedObject<T>> tree, long revision) {
    snapshot = new Snapshot<>(tree, revision);
    advanced.signalAll();
  }

  private CachedObject<T> cachedObject(KeyValue kv) {
    return new CachedObject<>(
        kv, checkNotNull(decoder.apply(kv), "decoder returned null"), serializer);
  }

  // ---------------------------------------------------------------- loading

  /** Lists the prefix, replaces the state and history, and watches from the list's revision. */
  private void loadAndWatch() {
    Watch old = backendWatch;
    if (old != null) {
      old.close();
    }
    List<String> keys = new ArrayList<>();
    List<CachedObject<T>> values = new ArrayList<>();
    ListResult page = storage.list(new ListRequest(prefix, "", 0, LIST_PAGE));
    long revision = page.revision();
    while (true) {
      for (KeyValue kv : page.items()) {
        try {
          values.add(cachedObject(kv));
          keys.add(kv.key());
        } catch (RuntimeException e) {
          log.error("watch cache {}: cannot decode {}; skipped", prefix, kv.key(), e);
        }
      }
      if (!page.more() || page.items().isEmpty()) {
        break;
      }
      String next = page.items().get(page.items().size() - 1).key() + "\0";
      page = storage.list(new ListRequest(prefix, next, revision, LIST_PAGE));
    }
    ObjectTree<CachedObject<T>> tree = sortedTree(keys, values);

    int gen;
    List<CacheWatcher<T>> terminated;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      gen = ++generation;
      terminated = terminateAll(WatchCloseReason.CACHE_RESET);
      ring.reset(revision);
      publish(tree, revision);
    } finally {
      lock.unlock();
    }
    notifyClosed(terminated, WatchCloseReason.CACHE_RESET);
    backendWatch = storage.watch(prefix, revision, new Feeder(gen));
    if (closed) {
      Watch w = backendWatch;
      if (w != null) {
        w.close();
      }
    }
    log.debug("watch cache {}: loaded {} objects at revision {}", prefix, tree.size(), revision);
  }

  private ObjectTree<CachedObject<T>> sortedTree(List<String> keys, List<CachedObject<T>> values) {
    boolean sorted = true;
    for (int i = 1; i < keys.size() && sorted; i++) {
      sorted = keys.get(i - 1).compareTo(keys.get(i)) < 0;
    }
    if (sorted) {
      return ObjectTree.ofSorted(keys, values);
    }
    ObjectTree<CachedObject<T>> tree = ObjectTree.empty(); // a backend with another key order
    for (int i = 0; i < keys.size(); i++) {
      tree = tree.put(keys.get(i), values.get(i), random);
    }
    return tree;
  }

  private void scheduleReload(int failedGeneration) {
    long delay;
    lock.lock();
    try {
      if (closed || failedGeneration != generation) {
        return;
      }
      generation++; // ignore anything the failed watch may still deliver
      reloadBackoffNanos =
          reloadBackoffNanos == 0
              ? TimeUnit.MILLISECONDS.toNanos(100)
              : Math.min(MAX_RELOAD_BACKOFF_NANOS, reloadBackoffNanos * 2);
      delay = reloadBackoffNanos;
    } finally {
      lock.unlock();
    }
    try {
      scheduler.schedule(this::reload, delay, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("watch cache {}: scheduler stopped, not reloading", prefix);
    }
  }

  private void reload() {
    int gen;
    lock.lock();
    try {
      gen = generation;
    } finally {
      lock.unlock();
    }
    try {
      loadAndWatch();
      lock.lock();
      try {
        reloadBackoffNanos = 0;
      } finally {
        lock.unlock();
      }
    } catch (RuntimeException e) {
      log.warn("watch cache {}: reload failed: {}", prefix, e.toString());
      scheduleReload(gen);
    }
  }

  // ---------------------------------------------------------------- freshness

  /** The snapshot, once its revision is at least {@code minRevision} (0: at once). */
  private Snapshot<T> atLeast(long minRevision) {
    Snapshot<T> s = snapshot;
    if (s.revision >= minRevision) {
      return s;
    }
    long deadline = System.nanoTime() + freshnessTimeoutNanos;
    long nextProgressRequest = 0;
    lock.lock();
    try {
      while ((s = snapshot).revision < minRevision) {
        long now = System.nanoTime();
        long left = deadline - now;
        if (left <= 0 || closed) {
          throw new StorageException(
              StorageException.Code.REVISION_TOO_LARGE,
              prefix,
              "Too large resource version: " + minRevision + ", current: " + s.revision);
        }
        if (now - nextProgressRequest >= 0) {
          // the revision may belong to another prefix: ask the storage whether we are fresh
          Watch w = backendWatch;
          if (w != null && storage.currentRevision() >= minRevision) {
            w.requestProgress();
          }
          nextProgressRequest = now + TimeUnit.MILLISECONDS.toNanos(100);
        }
        try {
          advanced.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException(
              StorageException.Code.INTERNAL,
              prefix,
              "interrupted waiting for revision " + minRevision,
              e);
        }
      }
      return s;
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- watcher bookkeeping (lock
  // held)

  private void add(CacheWatcher<T> w) {
    if (watcherCount == watchers.length) {
      watchers = Arrays.copyOf(watchers, watcherCount * 2);
    }
    w.index = watcherCount;
    watchers[watcherCount++] = w;
  }

  private void remove(CacheWatcher<T> w) {
    if (w.index >= 0 && w.index < watcherCount && watchers[w.index] == w) {
      removeAt(w.index);
    }
  }

  /** Swap-removes; safe while iterating downwards. */
  private void removeAt(int i) {
    CacheWatcher<T> w = watchers[i];
    CacheWatcher<T> last = watchers[--watcherCount];
    watchers[i] = last;
    last.index = i;
    watchers[watcherCount] = null;
    w.index = -1;
  }

  private List<CacheWatcher<T>> terminateAll(WatchCloseReason reason) {
    List<CacheWatcher<T>> terminated = new ArrayList<>();
    for (int i = watcherCount - 1; i >= 0; i--) {
      CacheWatcher<T> w = watchers[i];
      removeAt(i);
      if (w.terminate(reason)) {
        terminated.add(w);
      }
    }
    return terminated;
  }

  private void afterOffer(CacheWatcher<T> w, int result) {
    if (result == CacheWatcher.QUEUED_SIGNAL) {
      signal(w);
    } else if (result == CacheWatcher.OVERFLOWED) {
      notifyClosed(List.of(w), WatchCloseReason.TOO_SLOW);
    }
  }

  private void signalAndNotify(
      @Nullable List<CacheWatcher<T>> signal, @Nullable List<CacheWatcher<T>> overflowed) {
    if (signal != null) {
      for (CacheWatcher<T> w : signal) {
        signal(w);
      }
    }
    if (overflowed != null) {
      notifyClosed(overflowed, WatchCloseReason.TOO_SLOW);
    }
  }

  private void signal(CacheWatcher<T> w) {
    try {
      w.consumer.onEventsAvailable();
    } catch (RuntimeException e) {
      log.warn("watch cache {}: consumer failed", prefix, e);
    }
  }

  private void notifyClosed(List<CacheWatcher<T>> closedWatchers, WatchCloseReason reason) {
    for (CacheWatcher<T> w : closedWatchers) {
      try {
        w.consumer.onClosed(reason);
      } catch (RuntimeException e) {
        log.warn("watch cache {}: consumer failed", prefix, e);
      }
    }
  }

  private CacheWatch<T> failed(CacheWatcher<T> w, StorageException error) {
    if (w.startWith(new CacheWatcher.ErrorCatchUp<>(WatchCacheEvent.error(error)))) {
      signal(w);
    }
    return w;
  }

  private static <E> List<E> add(@Nullable List<E> list, E e) {
    List<E> l = list == null ? new ArrayList<>() : list;
    l.add(e);
    return l;
  }

  private void checkPrefix(String keyOrPrefix) {
    checkArgument(
        keyOrPrefix.startsWith(prefix), "%s is outside the cache's prefix %s", keyOrPrefix, prefix);
  }

  /** The cache's state at one revision: immutable. */
  private static final class Snapshot<T> {
    final ObjectTree<CachedObject<T>> tree;
    final long revision;

    Snapshot(ObjectTree<CachedObject<T>> tree, long revision) {
      this.tree = tree;
      this.revision = revision;
    }
  }

  /**
   * Configures a {@link WatchCache}; {@link #build()} lists the prefix and starts watching it.
   * Defaults follow kube-apiserver: 1,000-event watcher buffers, 60 s bookmarks, history of at
   * least 75 s between 100 and 100 Ki changes, 3 s freshness wait.
   */
  public static final class Builder<T> {
    private final Storage storage;
    private final String prefix;
    private final Function<KeyValue, T> decoder;
    private final Function<? super T, byte[]> serializer;
    private int bufferSize = 1_000;
    private Duration bookmarkInterval = Duration.ofSeconds(60);
    private Duration freshnessTimeout = Duration.ofSeconds(3);
    private int pagedSnapshots = 32;
    private Duration pagedSnapshotTtl = Duration.ofSeconds(30);
    private Duration eventRetention = Duration.ofSeconds(75);
    private int minEvents = 100;
    private int maxEvents = 100 * 1024;
    private Ticker ticker = Ticker.systemTicker();
    private @Nullable ScheduledExecutorService scheduler;
    private boolean bookmarkTicks = true;

    private Builder(
        Storage storage,
        String prefix,
        Function<KeyValue, T> decoder,
        Function<? super T, byte[]> serializer) {
      this.storage = checkNotNull(storage, "storage");
      this.prefix = checkNotNull(prefix, "prefix");
      this.decoder = checkNotNull(decoder, "decoder");
      this.serializer = checkNotNull(serializer, "serializer");
    }

    /** Default number of events a watcher may have buffered before it is closed as too slow. */
    public Builder<T> watcherBufferSize(int events) {
      checkArgument(events > 0, "watcher buffer size must be positive: %s", events);
      this.bufferSize = events;
      return this;
    }

    /** How often watchers that allow bookmarks get one. */
    public Builder<T> bookmarkInterval(Duration interval) {
      checkArgument(
          !interval.isNegative() && !interval.isZero(),
          "bookmark interval must be positive: %s",
          interval);
      this.bookmarkInterval = interval;
      return this;
    }

    /** How long a "not older than" list, get or watch waits for the cache to reach a revision. */
    public Builder<T> freshnessTimeout(Duration timeout) {
      checkArgument(!timeout.isNegative(), "freshness timeout must not be negative: %s", timeout);
      this.freshnessTimeout = timeout;
      return this;
    }

    /**
     * The history kept for watches from older revisions: at least {@code retention} worth of
     * changes and at least {@code minEvents} of them, at most {@code maxEvents}.
     */
    public Builder<T> history(Duration retention, int minEvents, int maxEvents) {
      checkArgument(!retention.isNegative(), "retention must not be negative: %s", retention);
      checkArgument(minEvents > 0, "minEvents must be positive: %s", minEvents);
      checkArgument(
          maxEvents >= minEvents, "maxEvents %s below minEvents %s", maxEvents, minEvents);
      this.eventRetention = retention;
      this.minEvents = minEvents;
      this.maxEvents = maxEvents;
      return this;
    }

    /**
     * How many states of the cache paginated lists may be part-way through at once (default 32;
     * 0 serves every page after the first from the storage) and for how long after its last page
     * such a state is kept (default 30 s).
     */
    public Builder<T> pagedSnapshots(int states, Duration ttl) {
      checkArgument(states >= 0, "states must not be negative: %s", states);
      checkArgument(!ttl.isNegative(), "ttl must not be negative: %s", ttl);
      this.pagedSnapshots = states;
      this.pagedSnapshotTtl = ttl;
      return this;
    }

    /** The clock for history retention, bookmarks and kept list states (tests pass a fake one). */
    public Builder<T> ticker(Ticker ticker) {
      this.ticker = checkNotNull(ticker, "ticker");
      return this;
    }

    /**
     * The scheduler for periodic bookmarks and reloads, to share one among caches; by default each
     * cache has its own daemon thread. A given scheduler is not shut down by {@link #close()}.
     */
    public Builder<T> scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = checkNotNull(scheduler, "scheduler");
      return this;
    }

    /** Whether to schedule periodic bookmarks at all (tests drive them by hand); default true. */
    Builder<T> bookmarkTicks(boolean enabled) {
      this.bookmarkTicks = enabled;
      return this;
    }

    /**
     * Lists the prefix, builds the cache and starts watching.
     *
     * @throws StorageException if the storage cannot be listed or watched
     */
    public WatchCache<T> build() {
      return new WatchCache<>(this);
    }
  }
}
