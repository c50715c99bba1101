package io.kapi.server.storage.memory;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.ListResult;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Storage} kept in memory, with the full etcd semantics of the SPI: one global revision
 * counter, every key's history until {@linkplain #compact compaction} (so lists at older revisions
 * and watches from older revisions work), and watches delivered in revision order.
 *
 * <p>Nothing survives {@link #close()}. Use it in tests, and for servers whose data may be lost.
 *
 * <p>Concurrency: writes are serialized by one monitor held only for the few operations of the
 * write itself (a monitor rather than a {@code ReentrantLock}: its adaptive spinning suits such
 * short sections under contention); reads ({@link #get}, {@link #list}) never lock. Every watch is
 * a cursor into the store's event log drained by a task on the store's own thread pool, so a slow
 * listener delays only its own watch, never a writer nor other watches.
 *
 * <pre>{@code
 * try (MemoryStorage storage = MemoryStorage.create()) {
 *   KeyValue kv = storage.create("/registry/pods/default/nginx", json);
 * }
 * }</pre>
 */
public final class MemoryStorage implements Storage {
  private static final AtomicInteger STORES = new AtomicInteger();

  /** Each key's newest {@link Version}; older versions hang off it. */
  private final ConcurrentSkipListMap<String, Version> keys = new ConcurrentSkipListMap<>();

  private final EventLog events = new EventLog();
  private final Object writeLock = new Object();
  private final ReentrantLock compactLock = new ReentrantLock();
  private final CopyOnWriteArrayList<MemoryWatch> watches = new CopyOnWriteArrayList<>();
  private final ExecutorService executor;

  /** The revision of the last write whose effects are visible (written under the write lock). */
  private volatile long revision;

  private volatile long compacted;
  private volatile boolean closed;

  private MemoryStorage() {
    int store = STORES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t =
              new Thread(r, "kapi-memory-storage-" + store + "-watch-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor = Executors.newCachedThreadPool(factory);
  }

  /** Creates an empty store at revision 0. */
  public static MemoryStorage create() {
    return new MemoryStorage();
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    checkNotNull(key, "key");
    checkNotNull(value, "value");
    long rev;
    synchronized (writeLock) {
      checkOpen(key);
      rev = revision + 1;
      // one traversal for a new key; a second only to re-create a deleted one
      Version head = keys.putIfAbsent(key, new Version(rev, rev, value, null));
      if (head != null) {
        if (head.isLive()) {
          throw new StorageException(StorageException.Code.KEY_EXISTS, key, "key exists: " + key);
        }
        keys.put(key, new Version(rev, rev, value, head));
      }
      events.append(new StorageEvent(StorageEvent.Type.ADDED, key, value, null, rev));
      revision = rev;
    }
    signalWatches(key);
    return new KeyValue(key, value, rev, rev);
  }

  @Override
  public Optional<KeyValue> get(String key) {
    checkNotNull(key, "key");
    checkOpen(key);
    long at = revision;
    Version v = Version.at(keys.get(key), at);
    if (v == null || v.value == null) {
      return Optional.empty();
    }
    return Optional.of(new KeyValue(key, v.value, v.createRevision, v.revision));
  }

  @Override
  public ListResult list(ListRequest request) {
    checkNotNull(request, "request");
    String prefix = request.prefix();
    checkOpen(prefix);
    long current = revision;
    long at = request.revision() == 0 ? current : request.revision();
    if (at > current) {
      throw new StorageException(
          StorageException.Code.REVISION_TOO_LARGE,
          prefix,
          "Too large resource version: " + at + ", current: " + current);
    }
    checkNotCompacted(prefix, at);

    String from = request.startKey().compareTo(prefix) > 0 ? request.startKey() : prefix;
    int limit = request.limit();
    List<KeyValue> items = new ArrayList<>(limit == 0 ? 16 : Math.min(limit, 1024));
    long remaining = 0;
    for (Map.Entry<String, Version> e : keys.tailMap(from, true).entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) {
        break; // keys under a prefix are contiguous in key order
      }
      Version v = Version.at(e.getValue(), at);
      if (v == null || v.value == null) {
        continue;
      }
      if (limit == 0 || items.size() < limit) {
        items.add(new KeyValue(key, v.value, v.createRevision, v.revision));
      } else {
        remaining++;
      }
    }
    // a compaction that ran while we read may have cut history we needed
    checkNotCompacted(prefix, at);
    return new ListResult(items, at, remaining > 0, remaining);
  }

  @Override
  public KeyValue update(String key, long expectedModRevision, byte[] value) {
    checkNotNull(key, "key");
    checkNotNull(value, "value");
    long rev;
    long createRevision;
    synchronized (writeLock) {
      checkOpen(key);
      Version head = liveHead(key);
      if (head.revision != expectedModRevision) {
        throw conflict(key, expectedModRevision, head);
      }
      rev = revision + 1;
      createRevision = head.createRevision;
      keys.put(key, new Version(rev, createRevision, value, head));
      events.append(new StorageEvent(StorageEvent.Type.MODIFIED, key, value, head.value, rev));
      revision = rev;
    }
    signalWatches(key);
    return new KeyValue(key, value, createRevision, rev);
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    checkNotNull(key, "key");
    long rev;
    Version head;
    synchronized (writeLock) {
      checkOpen(key);
      head = liveHead(key);
      if (expectedModRevision > 0 && head.revision != expectedModRevision) {
        throw conflict(key, expectedModRevision, head);
      }
      byte[] last = checkNotNull(head.value);
      rev = revision + 1;
      keys.put(key, new Version(rev, head.createRevision, null, head));
      events.append(new StorageEvent(StorageEvent.Type.DELETED, key, last, last, rev));
      revision = rev;
    }
    signalWatches(key);
    return new KeyValue(key, checkNotNull(head.value), head.createRevision, rev);
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    checkNotNull(prefix, "prefix");
    checkArgument(fromRevision >= 0, "fromRevision must not be negative: %s", fromRevision);
    checkNotNull(listener, "listener");
    checkOpen(prefix);
    // Events after `revision` reach the watch through signals once it is registered; events up to
    // it (and from fromRevision) through the first drain. The drain reads the log, so overlap is
    // impossible: each event is delivered when the cursor passes it, once.
    MemoryWatch watch =
        new MemoryWatch(
            this, prefix, fromRevision == 0 ? revision : fromRevision, listener, executor);
    watches.add(watch);
    watch.signal();
    return watch;
  }

  @Override
  public long currentRevision() {
    return revision;
  }

  @Override
  public long compactedRevision() {
    return compacted;
  }

  /**
   * Drops history: for every key written after the previous compaction, the versions superseded at
   * or before {@code revision} and the tombstones of deletes at or before it; then the event log up
   * to {@code revision}. Costs time in proportion to the writes since the previous compaction, not
   * to the size of the store. Writers are not blocked.
   */
  @Override
  public void compact(long revision) {
    checkOpen("");
    compactLock.lock();
    try {
      long current = this.revision;
      checkArgument(
          revision <= current,
          "cannot compact at %s, newer than current revision %s",
          revision,
          current);
      long previous = compacted;
      if (revision <= previous) {
        return;
      }
      // Publish first: readers that race with the cuts below re-check this and fail cleanly.
      compacted = revision;
      Set<String> touched = new HashSet<>();
      for (long r = previous + 1; r <= revision; r++) {
        StorageEvent e = events.get(r);
        if (e != null && touched.add(e.key())) {
          cutHistory(e.key(), revision);
        }
      }
      synchronized (writeLock) {
        events.dropThrough(revision);
      }
    } finally {
      compactLock.unlock();
    }
  }

  /** Ends every watch and frees the store's threads. Later calls fail with {@code INTERNAL}. */
  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (MemoryWatch w : watches) {
      w.close();
    }
    executor.shutdown();
  }

  @Override
  public String toString() {
    return "MemoryStorage{revision="
        + revision
        + ", compacted="
        + compacted
        + ", keys~"
        + keys.size()
        + "}";
  }

  // ---------------------------------------------------------------- package-private for watches

  @Nullable StorageEvent eventAt(long revision) {
    return events.get(revision);
  }

  /** How many versions (tombstones included) of {@code key} are kept; for tests. */
  int historyLength(String key) {
    int n = 0;
    for (Version v = keys.get(key); v != null; v = v.prev) {
      n++;
    }
    return n;
  }

  void unregister(MemoryWatch watch) {
    watches.remove(watch);
  }

  // ---------------------------------------------------------------- internals

  private void cutHistory(String key, long revision) {
    Version head = keys.get(key);
    Version newer = null;
    Version v = head;
    while (v != null && v.revision > revision) {
      newer = v;
      v = v.prev;
    }
    if (v == null) {
      return;
    }
    if (v.isLive()) {
      v.prev = null; // v is what a read at `revision` sees: everything older is unreachable
    } else if (newer == null) {
      // the key's last write is a delete at or before `revision`: forget the key (unless a writer
      // has re-created it in the meantime, which the conditional remove detects)
      keys.remove(key, head);
    } else {
      newer.prev = null; // a delete followed by a re-create: the tombstone is no longer needed
    }
  }

  private void signalWatches(String key) {
    for (MemoryWatch w : watches) {
      if (w.matches(key)) {
        w.signal();
      }
    }
  }

  private Version liveHead(String key) {
    Version head = keys.get(key);
    if (head == null || !head.isLive()) {
      throw new StorageException(StorageException.Code.NOT_FOUND, key, "key not found: " + key);
    }
    return head;
  }

  private static StorageException conflict(String key, long expected, Version head) {
    return new StorageException(
        StorageException.Code.CONFLICT,
        key,
        "mod revision of " + key + " is " + head.revision + ", not " + expected);
  }

  private void checkNotCompacted(String key, long at) {
    long c = compacted;
    if (at < c) {
      throw new StorageException(
          StorageException.Code.COMPACTED,
          key,
          "revision " + at + " has been compacted (compacted revision " + c + ")");
    }
  }

  private void checkOpen(String key) {
    if (closed) {
      throw new StorageException(StorageException.Code.INTERNAL, key, "storage is closed");
    }
  }
}
