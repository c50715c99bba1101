package io.kapi.server.storage;

/** A running watch; closing it stops delivery (idempotent). */
public interface Watch extends AutoCloseable {

  /**
   * Asks the backend to confirm, through {@link WatchListener#onProgress}, the revision up to which
   * this watch has delivered every change, like etcd's {@code RequestProgress}. Watch caches use it
   * to learn that they are fresh when no change under their prefix has happened for a while.
   * Backends that cannot tell ignore the request (the default). Must not block: callers may hold
   * locks.
   */
  default void requestProgress() {}

  @Override
  void close();
}
