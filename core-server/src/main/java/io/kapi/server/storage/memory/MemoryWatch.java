package io.kapi.server.storage.memory;

import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch of a {@link MemoryStorage}: a cursor into the store's {@link EventLog} and a serial
 * drain task. Writers only {@linkplain #signal() signal}; the drain runs on the store's executor,
 * reads the log from the cursor up to the published revision and calls the listener, so writers
 * never wait for listeners and history catch-up and live events are one code path (no gaps, no
 * duplicates).
 */
final class MemoryWatch implements Watch {
  private static final Logger log = LoggerFactory.getLogger(MemoryWatch.class);

  private final MemoryStorage store;
  private final String prefix;
  private final WatchListener listener;
  private final Executor executor;

  /** Set while a drain is scheduled or running. */
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** The revision of the last event looked at; only the (serial) drain touches it. */
  private long cursor;

  private volatile boolean closed;
  private volatile boolean progressRequested;

  MemoryWatch(
      MemoryStorage store, String prefix, long cursor, WatchListener listener, Executor executor) {
    this.store = store;
    this.prefix = prefix;
    this.cursor = cursor;
    this.listener = listener;
    this.executor = executor;
  }

  boolean matches(String key) {
    return key.startsWith(prefix);
  }

  /**
   * There may be new events (or a progress request): make sure a drain runs. Cheap when one is
   * already scheduled (a volatile read), so many writers do not contend on it.
   */
  void signal() {
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      schedule();
    }
  }

  private void schedule() {
    if (closed) {
      return;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      closed = true; // the store is closing
    }
  }

  @Override
  public void requestProgress() {
    progressRequested = true;
    signal();
  }

  @Override
  public void close() {
    closed = true;
    store.unregister(this);
  }

  private void drain() {
    while (true) {
      if (closed) {
        return;
      }
      deliverAvailable();
      scheduled.set(false);
      // A writer that published after our last read saw `scheduled` still set and did not
      // schedule: look again (volatile write, then read, pairs with the writer's
      // publish-then-read).
      boolean more = cursor < store.currentRevision() || progressRequested;
      if (!more || !scheduled.compareAndSet(false, true)) {
        return;
      }
    }
  }

  private void deliverAvailable() {
    long target = store.currentRevision();
    while (cursor < target) {
      if (closed) {
        return;
      }
      if (cursor < store.compactedRevision()) {
        fail();
        return;
      }
      StorageEvent event = store.eventAt(cursor + 1);
      if (event == null) { // dropped by a compaction that raced with the check above
        fail();
        return;
      }
      cursor++;
      if (event.key().startsWith(prefix)) {
        try {
          listener.onEvent(event);
        } catch (RuntimeException e) {
          log.warn("watch listener for {} failed on revision {}", prefix, event.revision(), e);
        }
      }
    }
    if (progressRequested && !closed) {
      progressRequested = false;
      try {
        listener.onProgress(target);
      } catch (RuntimeException e) {
        log.warn("watch listener for {} failed on progress", prefix, e);
      }
    }
  }

  private void fail() {
    closed = true;
    store.unregister(this);
    long compacted = store.compactedRevision();
    try {
      listener.onError(
          new StorageException(
              StorageException.Code.COMPACTED,
              prefix,
              "required revision "
                  + (cursor + 1)
                  + " has been compacted (compacted revision "
                  + compacted
                  + ")"));
    } catch (RuntimeException e) {
      log.warn("watch listener for {} failed on error", prefix, e);
    }
  }

  @Override
  public String toString() {
    return "MemoryWatch{" + prefix + " @" + cursor + (closed ? ", closed}" : "}");
  }
}
