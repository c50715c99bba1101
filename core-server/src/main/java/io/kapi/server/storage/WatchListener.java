package io.kapi.server.storage;

/**
 * Receives the events of one {@link Storage#watch}. Calls for one watch never overlap and arrive in
 * revision order; an implementation should hand work off quickly rather than block the backend.
 */
public interface WatchListener {

  /** A change after the watch's start revision. */
  void onEvent(StorageEvent event);

  /**
   * The watch has ended with an error (for instance {@code COMPACTED} when the start revision is
   * gone); no further calls follow.
   */
  void onError(StorageException error);

  /**
   * Every change under the watch's prefix with a revision up to {@code revision} has been delivered
   * (a progress notification). Sent after {@link Watch#requestProgress()} by backends that support
   * it, in order with the events; ignored by default.
   */
  default void onProgress(long revision) {}
}
