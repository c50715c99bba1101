package io.kapi.server.storage.cache;

/**
 * The receiving end of a {@link CacheWatch}, usually an HTTP response written with non-blocking
 * I/O. The cache never calls it while holding its own locks, but from its dispatching thread, so
 * both methods must return quickly (schedule the work, do not write to a socket and wait).
 */
public interface WatchCacheConsumer {

  /**
   * Events can be {@linkplain CacheWatch#poll() polled}. Edge-triggered: called once when events
   * arrive after a {@code poll()} has returned {@code null} (and once after the watch starts if it
   * has initial or catch-up events); the consumer then polls until {@code poll()} returns {@code
   * null} again, or stops polling while its socket is not writable and resumes later. The call may
   * come from any thread, including one inside {@code poll()}'s caller.
   */
  void onEventsAvailable();

  /**
   * The cache closed the watch on its own (not after {@link CacheWatch#close()}); buffered events
   * are dropped and no further calls follow. The HTTP layer ends the response; the client
   * re-watches from the last revision it saw, or re-lists.
   */
  void onClosed(WatchCloseReason reason);
}
