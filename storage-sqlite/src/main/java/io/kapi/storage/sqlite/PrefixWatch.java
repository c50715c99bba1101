package io.kapi.storage.sqlite;

import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: catches up from the table, then delivers live events, on a shared executor, one
 * callback at a time.
 *
 * <p>Hand-over without gap or duplicate: the watch is registered (and queues every event published
 * from then on) <em>before</em> the current revision {@code S} is read. Every event published
 * before the registration has a revision {@code <= S}, since the writer sets the current revision
 * before publishing. So catching up over {@code (from, S]} from the table and then delivering the
 * queued events newer than the last delivered revision sees each change exactly once.
 *
 * <p>A listener that falls more than {@code maxPending} events behind does not hold them in memory:
 * the queue is dropped and the watch catches up from the table again, with the same hand-over.
 */
final class PrefixWatch implements Watch {
  static final int CATCH_UP_PAGE = 500;

  private static final Logger log = LoggerFactory.getLogger(PrefixWatch.class);

  private final KeyRange range;
  private final WatchListener listener;
  private final Executor executor;
  private final EventLog eventLog;
  private final WatchHub hub;
  private final int maxPending;

  private final Object lock = new Object();
  private final ArrayDeque<StorageEvent> pending = new ArrayDeque<>(); // guarded by lock
  private boolean started; // guarded by lock
  private boolean draining; // guarded by lock
  private boolean overflowed; // guarded by lock
  private volatile boolean closed;
  private volatile boolean progressRequested;

  // written before the first drain is scheduled, then confined to the (serial) drain
  private long delivered;
  private long catchUpTo;
  private @Nullable StorageException initialError;

  PrefixWatch(
      String prefix,
      WatchListener listener,
      Executor executor,
      EventLog eventLog,
      WatchHub hub,
      int maxPending) {
    this.range = KeyRange.ofPrefix(prefix);
    this.listener = listener;
    this.executor = executor;
    this.eventLog = eventLog;
    this.hub = hub;
    this.maxPending = maxPending;
  }

  /**
   * Registers the watch and starts delivery of every change after {@code fromRevision} ({@code 0}:
   * after the current revision).
   */
  PrefixWatch start(long fromRevision) {
    hub.add(this);
    long current = eventLog.currentRevision();
    if (fromRevision != 0 && fromRevision < eventLog.compactedRevision()) {
      hub.remove(this);
      initialError =
          new StorageException(
              StorageException.Code.COMPACTED,
              range.start(),
              "revision " + fromRevision + " has been compacted (compacted revision "
                  + eventLog.compactedRevision() + ")");
    } else if (fromRevision == 0) {
      delivered = current;
    } else {
      delivered = fromRevision;
      catchUpTo = current;
    }
    synchronized (lock) {
      started = true;
      scheduleDrain();
    }
    return this;
  }

  /** Called by the writer thread with one committed batch; never blocks on the listener. */
  void offer(List<StorageEvent> events) {
    if (closed) {
      return;
    }
    List<StorageEvent> matching = null;
    for (StorageEvent event : events) {
      if (range.contains(event.key())) {
        if (matching == null) {
          matching = new ArrayList<>();
        }
        matching.add(event);
      }
    }
    if (matching == null) {
      return;
    }
    synchronized (lock) {
      if (overflowed) {
        return; // the coming catch-up reads these from the table
      }
      pending.addAll(matching);
      if (pending.size() > maxPending) {
        pending.clear();
        overflowed = true;
      }
      if (started) {
        scheduleDrain();
      }
    }
  }

  /** Answers with {@link WatchListener#onProgress} once all that was published is delivered. */
  @Override
  public void requestProgress() {
    progressRequested = true;
    synchronized (lock) {
      if (started) {
        scheduleDrain();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    hub.remove(this);
    synchronized (lock) {
      pending.clear();
    }
  }

  private void scheduleDrain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      draining = false;
      closed = true; // the storage is shutting down
    }
  }

  private void drain() {
    if (initialError != null) {
      fail(initialError);
      return;
    }
    try {
      while (!closed) {
        boolean resync;
        synchronized (lock) {
          resync = overflowed;
          overflowed = false;
        }
        if (resync) {
          // read after queueing resumed: everything newer than this is (or will be) queued
          catchUpTo = eventLog.currentRevision();
        }
        if (catchUpTo > delivered && !catchUp()) {
          return;
        }
        // read before looking at the queue: events published up to here are queued by now
        long published = hub.publishedRevision();
        StorageEvent event;
        synchronized (lock) {
          if (overflowed) {
            continue;
          }
          event = pending.poll();
          if (event == null && !progressRequested) {
            draining = false;
            return;
          }
        }
        if (event == null) {
          // caught up: every event published so far was queued, and the queue is empty
          progressRequested = false;
          reportProgress(published);
        } else if (event.revision() > delivered) {
          deliver(event);
          delivered = event.revision();
        }
      }
    } catch (StorageException e) {
      fail(e);
    } catch (RuntimeException | Error e) {
      log.error("watch on {} failed", range.start(), e);
      fail(
          new StorageException(
              StorageException.Code.INTERNAL, range.start(), "watch failed: " + e, e));
    }
  }

  /** Delivers {@code (delivered, catchUpTo]} from the table; false if the watch ended. */
  private boolean catchUp() {
    while (delivered < catchUpTo) {
      if (closed) {
        return false;
      }
      long after = delivered;
      List<StorageEvent> page = eventLog.read(range, after, catchUpTo, CATCH_UP_PAGE);
      // rows above the compacted revision are never removed; below it some may be missing
      long compacted = eventLog.compactedRevision();
      if (compacted > after) {
        fail(
            new StorageException(
                StorageException.Code.COMPACTED,
                range.start(),
                "revision " + after + " has been compacted (compacted revision " + compacted
                    + ")"));
        return false;
      }
      for (StorageEvent event : page) {
        if (closed) {
          return false;
        }
        deliver(event);
        delivered = event.revision();
      }
      if (page.size() < CATCH_UP_PAGE) {
        delivered = catchUpTo;
      }
    }
    return true;
  }

  private void reportProgress(long revision) {
    if (closed) {
      return;
    }
    try {
      listener.onProgress(revision);
    } catch (RuntimeException e) {
      log.warn("watch listener on {} threw on progress", range.start(), e);
    }
  }

  private void deliver(StorageEvent event) {
    if (closed) {
      return; // once close() has returned no call starts
    }
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      log.warn("watch listener on {} threw on event at revision {}", range.start(),
          event.revision(), e);
    }
  }

  private void fail(StorageException error) {
    if (closed) {
      return;
    }
    close();
    try {
      listener.onError(error);
    } catch (RuntimeException e) {
      log.warn("watch listener on {} threw on error", range.start(), e);
    }
  }
}
