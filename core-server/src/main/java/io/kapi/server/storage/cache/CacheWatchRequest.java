package io.kapi.server.storage.cache;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What to watch in a {@link WatchCache}: objects under {@code prefix} (within the cache's prefix)
 * that pass {@code filter} ({@code null}: all), starting after {@code fromRevision}, with or
 * without initial events and periodic bookmarks, buffering at most {@code bufferSize} events
 * ({@code 0}: the cache's default) before the watcher is closed as too slow.
 *
 * <p>How Kubernetes watch parameters map: {@code resourceVersion} unset or {@code "0"} → {@code
 * fromRevision 0} with {@link InitialEvents#ADDED} (unset: pass the storage's current revision for
 * a consistent start); {@code resourceVersion=N} → {@code N} with {@link InitialEvents#NONE};
 * {@code sendInitialEvents=true} → {@link InitialEvents#ADDED_THEN_BOOKMARK}; {@code
 * allowWatchBookmarks=true} → {@code bookmarks}.
 */
public record CacheWatchRequest<T>(
    String prefix,
    long fromRevision,
    InitialEvents initialEvents,
    boolean bookmarks,
    @Nullable Predicate<? super T> filter,
    int bufferSize) {

  /** Whether a watch starts with the current state as synthetic {@code ADDED} events. */
  public enum InitialEvents {
    /**
     * No initial state: the changes after {@code fromRevision} (or after the cache's current
     * revision when it is 0); {@code fromRevision} no longer in the cache's history gives a single
     * {@code COMPACTED} error event.
     */
    NONE,
    /**
     * An {@code ADDED} event for every object of a state not older than {@code fromRevision} (any
     * state when 0), then the changes after that state.
     */
    ADDED,
    /** As {@link #ADDED}, with a {@code BOOKMARK} marking the end of the initial events. */
    ADDED_THEN_BOOKMARK
  }

  public CacheWatchRequest {
    checkNotNull(prefix, "prefix");
    checkArgument(fromRevision >= 0, "fromRevision must not be negative: %s", fromRevision);
    checkNotNull(initialEvents, "initialEvents");
    checkArgument(bufferSize >= 0, "bufferSize must not be negative: %s", bufferSize);
  }

  /** Changes under {@code prefix} after {@code fromRevision}, no initial events, no bookmarks. */
  public static <T> CacheWatchRequest<T> changesAfter(String prefix, long fromRevision) {
    return new CacheWatchRequest<>(prefix, fromRevision, InitialEvents.NONE, false, null, 0);
  }

  /** The current state as {@code ADDED} events, then the changes (Kubernetes' default watch). */
  public static <T> CacheWatchRequest<T> stateAndChanges(String prefix) {
    return new CacheWatchRequest<>(prefix, 0, InitialEvents.ADDED, false, null, 0);
  }

  public CacheWatchRequest<T> withInitialEvents(InitialEvents initialEvents) {
    return new CacheWatchRequest<>(
        prefix, fromRevision, initialEvents, bookmarks, filter, bufferSize);
  }

  public CacheWatchRequest<T> withBookmarks(boolean bookmarks) {
    return new CacheWatchRequest<>(
        prefix, fromRevision, initialEvents, bookmarks, filter, bufferSize);
  }

  public CacheWatchRequest<T> withFilter(@Nullable Predicate<? super T> filter) {
    return new CacheWatchRequest<>(
        prefix, fromRevision, initialEvents, bookmarks, filter, bufferSize);
  }

  public CacheWatchRequest<T> withBufferSize(int bufferSize) {
    return new CacheWatchRequest<>(
        prefix, fromRevision, initialEvents, bookmarks, filter, bufferSize);
  }
}
