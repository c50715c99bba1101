package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.storage.cache.CachedObject;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An object as the {@link Store} read it, with its compact JSON (no trailing newline) computed at
 * most once. Objects served from the watch cache share both with every other reader: never modify
 * {@link #object()}; take a {@link Unstructured#deepCopy()} to change it.
 */
public final class StoredObject {
  private final Unstructured object;
  private final @Nullable Supplier<byte[]> shared;
  private volatile byte @Nullable [] json;

  private StoredObject(Unstructured object, @Nullable Supplier<byte[]> shared) {
    this.object = object;
    this.shared = shared;
  }

  static StoredObject cached(CachedObject<Unstructured> cached) {
    return new StoredObject(cached.object(), cached::serialized);
  }

  /** Wraps an object the caller will no longer modify; its JSON is computed on first use. */
  public static StoredObject of(Unstructured object) {
    return new StoredObject(checkNotNull(object, "object"), null);
  }

  /** The object (read-only: it may be shared). */
  public Unstructured object() {
    return object;
  }

  /** The object's compact JSON without a trailing newline (read-only: it may be shared). */
  public byte[] json() {
    byte[] bytes = json;
    if (bytes == null) {
      bytes = shared != null ? shared.get() : ObjectCodec.toJson(object);
      json = bytes;
    }
    return bytes;
  }

  @Override
  public String toString() {
    return "StoredObject" + object;
  }
}
