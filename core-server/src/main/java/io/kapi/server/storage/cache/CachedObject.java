package io.kapi.server.storage.cache;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.storage.KeyValue;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One object version held by a {@link WatchCache}: the stored entry, its decoded form and, once
 * somebody asks, its serialized form, computed at most once and then shared by every list and
 * watcher that writes it.
 *
 * <p>Thread-safe. The decoded object and the byte arrays are shared: callers must not modify them.
 */
public final class CachedObject<T> {
  private final KeyValue keyValue;
  private final T object;
  private final Function<? super T, byte[]> serializer;
  private volatile byte @Nullable [] serialized;

  /** The synthetic ADDED event for initial events, shared by every watcher that starts here. */
  private volatile @Nullable WatchCacheEvent<T> added;

  CachedObject(KeyValue keyValue, T object, Function<? super T, byte[]> serializer) {
    this.keyValue = checkNotNull(keyValue, "keyValue");
    this.object = checkNotNull(object, "object");
    this.serializer = serializer;
  }

  /** The storage key. */
  public String key() {
    return keyValue.key();
  }

  /** The revision this version was written at (the object's {@code resourceVersion}). */
  public long revision() {
    return keyValue.modRevision();
  }

  /** The decoded object. */
  public T object() {
    return object;
  }

  /** The stored entry it was decoded from. */
  public KeyValue keyValue() {
    return keyValue;
  }

  /**
   * The object serialized with the cache's serializer; the first call computes it (once, even under
   * concurrent calls), later calls return the same array.
   */
  public byte[] serialized() {
    byte[] bytes = serialized;
    if (bytes == null) {
      synchronized (this) {
        bytes = serialized;
        if (bytes == null) {
          bytes = checkNotNull(serializer.apply(object), "serializer returned null for %s", key());
          serialized = bytes;
        }
      }
    }
    return bytes;
  }

  /** Whether {@link #serialized()} has been computed; for tests and metrics. */
  boolean isSerialized() {
    return serialized != null;
  }

  WatchCacheEvent<T> addedEvent() {
    WatchCacheEvent<T> e = added;
    if (e == null) {
      e = WatchCacheEvent.of(WatchCacheEvent.Type.ADDED, this);
      added = e; // a benign race: at worst two equal events
    }
    return e;
  }

  @Override
  public String toString() {
    return "CachedObject{" + key() + " @" + revision() + "}";
  }
}
