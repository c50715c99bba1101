package io.kapi.server.storage.cache;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.storage.StorageException;
import org.jspecify.annotations.Nullable;

/**
 * One event a {@link CacheWatch} delivers, in the shape of a Kubernetes watch event: a change with
 * its object, a {@code BOOKMARK} carrying only a revision, or a terminal {@code ERROR}.
 *
 * <p>Change events of one cache change are shared by all watchers that see it the same way, so
 * {@code object().serialized()} is computed once for all of them.
 */
public final class WatchCacheEvent<T> {

  /** The kind of event, as a Kubernetes watch names it. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED,
    BOOKMARK,
    ERROR
  }

  private final Type type;
  private final long revision;
  private final @Nullable CachedObject<T> object;
  private final @Nullable StorageException error;
  private final boolean initialEventsEnd;

  private WatchCacheEvent(
      Type type,
      long revision,
      @Nullable CachedObject<T> object,
      @Nullable StorageException error,
      boolean initialEventsEnd) {
    this.type = type;
    this.revision = revision;
    this.object = object;
    this.error = error;
    this.initialEventsEnd = initialEventsEnd;
  }

  static <T> WatchCacheEvent<T> of(Type type, CachedObject<T> object) {
    return new WatchCacheEvent<>(type, object.revision(), object, null, false);
  }

  static <T> WatchCacheEvent<T> bookmark(long revision, boolean initialEventsEnd) {
    return new WatchCacheEvent<>(Type.BOOKMARK, revision, null, null, initialEventsEnd);
  }

  static <T> WatchCacheEvent<T> error(StorageException error) {
    return new WatchCacheEvent<>(Type.ERROR, 0, null, checkNotNull(error), false);
  }

  public Type type() {
    return type;
  }

  /**
   * The revision of the event: the object's revision for changes (for {@code DELETED}, the revision
   * of the delete), the bookmarked revision for {@code BOOKMARK}, 0 for {@code ERROR}.
   */
  public long revision() {
    return revision;
  }

  /**
   * The object of an {@code ADDED}/{@code MODIFIED}/{@code DELETED} event ({@code DELETED}: its
   * last state, with the delete's revision); {@code null} for {@code BOOKMARK} and {@code ERROR}.
   */
  public @Nullable CachedObject<T> object() {
    return object;
  }

  /**
   * Why the watch ended, for {@code ERROR}: {@code COMPACTED} (the REST layer answers 410 Expired)
   * or {@code REVISION_TOO_LARGE}. An {@code ERROR} is the last event of its watch.
   */
  public @Nullable StorageException error() {
    return error;
  }

  /**
   * Whether this {@code BOOKMARK} marks the end of the initial events (the REST layer adds the
   * {@code k8s.io/initial-events-end: "true"} annotation).
   */
  public boolean isInitialEventsEnd() {
    return initialEventsEnd;
  }

  @Override
  public String toString() {
    return type
        + " @"
        + revision
        + (object != null ? " " + object.key() : "")
        + (error != null ? " " + error.code() + ": " + error.getMessage() : "")
        + (initialEventsEnd ? " (initial events end)" : "");
  }
}
