package io.kapi.server.storage.cache;

import io.kapi.server.storage.KeyValue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The cache's side of one {@link CacheWatch}: first a lazily produced catch-up sequence (initial
 * state, ring history or a single error) read on the consumer's thread, then a bounded buffer the
 * dispatcher fills under the cache lock.
 *
 * <p>Locking: the cache lock is always taken before this object's monitor, never after; methods
 * that must unregister (overflow found in {@link #poll}, {@link #close}) release the monitor first.
 */
final class CacheWatcher<T> implements CacheWatch<T> {
  /** Results of {@link #offer}. */
  static final int QUEUED = 0;

  static final int QUEUED_SIGNAL = 1;
  static final int OVERFLOWED = 2;
  static final int DROPPED = 3;

  private final WatchCache<T> cache;
  final String prefix;
  final @Nullable Predicate<? super T> filter;
  final WatchCacheConsumer consumer;
  final boolean bookmarks;
  private final int capacity;

  // guarded by the cache lock
  /** Live changes at or below this revision are covered by the catch-up (or precede the start). */
  long minRevision;

  long nextBookmarkNanos;
  int index = -1;

  // guarded by this
  private @Nullable CatchUp<T> catchUp;
  private final ArrayDeque<WatchCacheEvent<T>> buffer = new ArrayDeque<>(8);
  private boolean needsSignal = true;
  private boolean closed;
  private @Nullable WatchCloseReason closeReason;

  CacheWatcher(
      WatchCache<T> cache,
      String prefix,
      @Nullable Predicate<? super T> filter,
      WatchCacheConsumer consumer,
      boolean bookmarks,
      int capacity) {
    this.cache = cache;
    this.prefix = prefix;
    this.filter = filter;
    this.consumer = consumer;
    this.bookmarks = bookmarks;
    this.capacity = capacity;
  }

  /** Sets what the consumer reads before the live buffer; returns whether to signal it. */
  synchronized boolean startWith(CatchUp<T> catchUp) {
    this.catchUp = catchUp;
    if (needsSignal) {
      needsSignal = false;
      return true;
    }
    return false;
  }

  /** Adds a live event (cache lock held). */
  synchronized int offer(WatchCacheEvent<T> event) {
    if (closed) {
      return DROPPED;
    }
    if (buffer.size() >= capacity) {
      terminateLocked(WatchCloseReason.TOO_SLOW);
      return OVERFLOWED;
    }
    buffer.add(event);
    if (needsSignal) {
      needsSignal = false;
      return QUEUED_SIGNAL;
    }
    return QUEUED;
  }

  /** Closes the watcher on the cache's behalf (cache lock held); true if it was open. */
  synchronized boolean terminate(WatchCloseReason reason) {
    if (closed) {
      return false;
    }
    terminateLocked(reason);
    return true;
  }

  private void terminateLocked(WatchCloseReason reason) {
    closed = true;
    closeReason = reason;
    buffer.clear();
    catchUp = null;
  }

  @Override
  public @Nullable WatchCacheEvent<T> poll() {
    WatchCacheEvent<T> event;
    synchronized (this) {
      if (closed) {
        return null;
      }
      CatchUp<T> c = catchUp;
      if (c != null) {
        event = c.next();
        if (event != null) {
          if (event.type() == WatchCacheEvent.Type.ERROR) {
            closed = true; // an error is the last event
            buffer.clear();
            catchUp = null;
          }
          return event;
        }
        if (!c.lost) {
          catchUp = null;
        }
      }
      if (c == null || !c.lost) {
        event = buffer.poll();
        if (event == null) {
          needsSignal = true;
        }
        return event;
      }
      terminateLocked(WatchCloseReason.TOO_SLOW);
    }
    // the ring overwrote history this watcher had not read yet
    cache.unregister(this);
    consumer.onClosed(WatchCloseReason.TOO_SLOW);
    return null;
  }

  @Override
  public int drainTo(Collection<? super WatchCacheEvent<T>> sink, int max) {
    int n = 0;
    while (n < max) {
      WatchCacheEvent<T> e = poll();
      if (e == null) {
        break;
      }
      sink.add(e);
      n++;
    }
    return n;
  }

  @Override
  public void requestBookmark() {
    cache.bookmarkNow(this);
  }

  @Override
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public synchronized @Nullable WatchCloseReason closeReason() {
    return closeReason;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      buffer.clear();
      catchUp = null;
    }
    cache.unregister(this);
  }

  /** Buffered live events; for tests and metrics. */
  synchronized int buffered() {
    return buffer.size();
  }

  @Override
  public String toString() {
    return "CacheWatcher{" + prefix + ", minRevision=" + minRevision + "}";
  }

  // ---------------------------------------------------------------- catch-up sequences

  /** Events a watcher reads before its live buffer, produced lazily on the consumer's thread. */
  abstract static class CatchUp<T> {
    /** Set when history this sequence needed was overwritten. */
    boolean lost;

    /** The next event, or {@code null} at the end (or when {@link #lost}). */
    abstract @Nullable WatchCacheEvent<T> next();
  }

  /** A single terminal {@code ERROR} event. */
  static final class ErrorCatchUp<T> extends CatchUp<T> {
    private @Nullable WatchCacheEvent<T> error;

    ErrorCatchUp(WatchCacheEvent<T> error) {
      this.error = error;
    }

    @Override
    @Nullable WatchCacheEvent<T> next() {
      WatchCacheEvent<T> e = error;
      error = null;
      return e;
    }
  }

  /** {@code ADDED} for every object of a snapshot under a prefix, then an optional bookmark. */
  static final class StateCatchUp<T> extends CatchUp<T> {
    private final ObjectTree.Cursor<CachedObject<T>> cursor;
    private final String prefix;
    private final @Nullable Predicate<? super T> filter;
    private long endBookmark;

    StateCatchUp(
        ObjectTree<CachedObject<T>> tree,
        String prefix,
        @Nullable Predicate<? super T> filter,
        long endBookmark) {
      this.cursor = tree.cursorFrom(prefix);
      this.prefix = prefix;
      this.filter = filter;
      this.endBookmark = endBookmark;
    }

    @Override
    @Nullable WatchCacheEvent<T> next() {
      while (cursor.next()) {
        if (!cursor.key().startsWith(prefix)) {
          break;
        }
        CachedObject<T> o = cursor.value();
        if (filter == null || passes(filter, o)) {
          return o.addedEvent();
        }
      }
      while (cursor.next()) {} // exhaust, so later calls end at once
      if (endBookmark >= 0) {
        long revision = endBookmark;
        endBookmark = -1;
        return WatchCacheEvent.bookmark(revision, true);
      }
      return null;
    }

    private static <T> boolean passes(Predicate<? super T> filter, CachedObject<T> o) {
      try {
        return filter.test(o.object());
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /** The ring's changes with sequence numbers in {@code [from, to)}, seen through the filter. */
  static final class HistoryCatchUp<T> extends CatchUp<T> {
    private final EventRing<T> ring;
    private final String prefix;
    private final @Nullable Predicate<? super T> filter;
    private final Function<KeyValue, CachedObject<T>> restamp;
    private long seq;
    private final long to;

    HistoryCatchUp(
        EventRing<T> ring,
        long from,
        long to,
        String prefix,
        @Nullable Predicate<? super T> filter,
        Function<KeyValue, CachedObject<T>> restamp) {
      this.ring = ring;
      this.seq = from;
      this.to = to;
      this.prefix = prefix;
      this.filter = filter;
      this.restamp = restamp;
    }

    @Override
    @Nullable WatchCacheEvent<T> next() {
      while (seq < to) {
        Change<T> c = ring.get(seq);
        if (c == null) {
          lost = true;
          return null;
        }
        seq++;
        if (c.key.startsWith(prefix)) {
          WatchCacheEvent<T> e = c.eventFor(filter, restamp);
          if (e != null) {
            return e;
          }
        }
      }
      return null;
    }
  }
}
