package io.kapi.server.storage.cache;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * One watcher registered with a {@link WatchCache}: a bounded buffer of events the cache fills and
 * the consumer drains without holding a thread. See {@link WatchCacheConsumer} for the signalling.
 *
 * <p>Thread-safe; {@code poll} may be called from any thread (usually an I/O thread).
 */
public interface CacheWatch<T> extends AutoCloseable {

  /**
   * The next event, or {@code null} when none is buffered right now (the consumer is then signalled
   * when more arrive) or the watch is closed. After an {@code ERROR} event the watch is closed.
   */
  @Nullable WatchCacheEvent<T> poll();

  /**
   * Moves up to {@code max} buffered events into {@code sink}, like calling {@link #poll()}
   * repeatedly; returns how many were moved.
   */
  int drainTo(Collection<? super WatchCacheEvent<T>> sink, int max);

  /**
   * Queues a {@code BOOKMARK} with the cache's current revision behind the events already queued,
   * for instance shortly before the watch's deadline.
   */
  void requestBookmark();

  /** Whether the watch has ended (closed by the consumer or the cache, or after an ERROR). */
  boolean isClosed();

  /** Why the cache closed the watch, or {@code null} if it did not. */
  @Nullable WatchCloseReason closeReason();

  /** Unregisters the watcher and drops its buffer; idempotent, never calls the consumer. */
  @Override
  void close();
}
