package io.kapi.server.storage.cache;

/** Why a {@link WatchCache} closed a watcher on its own; the client re-watches or re-lists. */
public enum WatchCloseReason {
  /** The watcher's buffer overflowed: its client does not read fast enough. */
  TOO_SLOW,
  /** The cache lost its storage watch and reloaded; its history is gone. */
  CACHE_RESET,
  /** The cache was closed. */
  CACHE_CLOSED
}
