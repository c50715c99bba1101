package io.kapi.server.storage.cache;

import io.kapi.server.storage.KeyValue;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One change the cache applied, as kept in its {@link EventRing}: the new object, the previous one,
 * and the events watchers get from it. Watchers without a filter, and filtered watchers that see
 * the change as it is, share {@link #natural}; watchers for which the filter turns it into an
 * {@code ADDED} or {@code DELETED} share one memoized event per kind, so each variant is serialized
 * at most once.
 */
final class Change<T> {
  /** Position in the ring (dense, increasing). */
  final long seq;

  final WatchCacheEvent.Type type;
  final String key;
  final long revision;

  /** The new state; for {@code DELETED}, the last state stamped with the delete's revision. */
  final CachedObject<T> object;

  /** The state before the change ({@code null} for {@code ADDED}). */
  final @Nullable CachedObject<T> prev;

  /** When the cache applied it (ticker nanos), for the ring's retention. */
  final long nanos;

  final WatchCacheEvent<T> natural;
  private volatile @Nullable WatchCacheEvent<T> asAdded;
  private volatile @Nullable WatchCacheEvent<T> asDeleted;

  Change(
      long seq,
      WatchCacheEvent.Type type,
      String key,
      CachedObject<T> object,
      @Nullable CachedObject<T> prev,
      long nanos) {
    this.seq = seq;
    this.type = type;
    this.key = key;
    this.revision = object.revision();
    this.object = object;
    this.prev = prev;
    this.nanos = nanos;
    this.natural = WatchCacheEvent.of(type, object);
  }

  /**
   * The event a watcher with {@code filter} sees, as kube-apiserver's cache watcher derives it from
   * whether the old and the new state pass: both → the change as is; only the new → {@code ADDED};
   * only the old → {@code DELETED} of the old state at this change's revision; neither → {@code
   * null}. A throwing filter counts as not passing.
   *
   * @param restamp decodes an entry into a cached object (used for the derived {@code DELETED})
   */
  @Nullable WatchCacheEvent<T> eventFor(
      @Nullable Predicate<? super T> filter, Function<KeyValue, CachedObject<T>> restamp) {
    if (filter == null) {
      return natural;
    }
    boolean newPasses = type != WatchCacheEvent.Type.DELETED && passes(filter, object);
    boolean oldPasses = prev != null && passes(filter, prev);
    if (newPasses) {
      return oldPasses || type == WatchCacheEvent.Type.ADDED ? natural : added();
    }
    if (!oldPasses) {
      return null;
    }
    return type == WatchCacheEvent.Type.DELETED ? natural : deleted(restamp);
  }

  private WatchCacheEvent<T> added() {
    WatchCacheEvent<T> e = asAdded;
    if (e == null) {
      synchronized (this) {
        e = asAdded;
        if (e == null) {
          e = WatchCacheEvent.of(WatchCacheEvent.Type.ADDED, object);
          asAdded = e;
        }
      }
    }
    return e;
  }

  private WatchCacheEvent<T> deleted(Function<KeyValue, CachedObject<T>> restamp) {
    WatchCacheEvent<T> e = asDeleted;
    if (e == null) {
      synchronized (this) {
        e = asDeleted;
        if (e == null) {
          CachedObject<T> old = java.util.Objects.requireNonNull(prev);
          KeyValue kv = old.keyValue();
          CachedObject<T> stamped =
              restamp.apply(new KeyValue(kv.key(), kv.value(), kv.createRevision(), revision));
          e = WatchCacheEvent.of(WatchCacheEvent.Type.DELETED, stamped);
          asDeleted = e;
        }
      }
    }
    return e;
  }

  private static <T> boolean passes(Predicate<? super T> filter, CachedObject<T> o) {
    try {
      return filter.test(o.object());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
