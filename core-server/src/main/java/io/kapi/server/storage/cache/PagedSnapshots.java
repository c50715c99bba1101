package io.kapi.server.storage.cache;

import com.google.common.base.Ticker;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The cache's states that paginated lists are part-way through, by revision, so that the pages
 * after the first are served from the same state as the first (upstream's list-from-cache
 * snapshots) instead of from the storage. A state is kept while pages of it are asked for, at most
 * {@code ttl} after its last page and at most {@code capacity} states at once (the least recently
 * paged goes first); a page of a state no longer kept comes from the storage as before. States are
 * persistent trees sharing their nodes with the cache's later states, so a kept state costs only
 * what changed since it.
 *
 * <p>Thread-safe.
 */
final class PagedSnapshots<V> {
  private final int capacity;
  private final long ttlNanos;
  private final Ticker ticker;
  // access order: the least recently paged state first
  private final LinkedHashMap<Long, Kept<V>> kept = new LinkedHashMap<>(16, 0.75f, true);

  PagedSnapshots(int capacity, long ttlNanos, Ticker ticker) {
    this.capacity = capacity;
    this.ttlNanos = ttlNanos;
    this.ticker = ticker;
  }

  /** Keeps {@code tree}, the state at {@code revision}, for the next pages of a list. */
  synchronized void keep(long revision, ObjectTree<V> tree) {
    if (capacity == 0) {
      return;
    }
    long now = ticker.read();
    expire(now);
    kept.put(revision, new Kept<>(tree, now + ttlNanos));
    if (kept.size() > capacity) {
      Iterator<Long> eldest = kept.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** The kept state at exactly {@code revision}, if any; asking for it extends its life. */
  synchronized @Nullable ObjectTree<V> get(long revision) {
    long now = ticker.read();
    expire(now);
    Kept<V> k = kept.get(revision);
    if (k == null) {
      return null;
    }
    kept.put(revision, new Kept<>(k.tree, now + ttlNanos));
    return k.tree;
  }

  /** How many states are kept now. */
  synchronized int size() {
    expire(ticker.read());
    return kept.size();
  }

  private void expire(long now) {
    kept.values().removeIf(k -> now - k.expiresNanos >= 0);
  }

  private record Kept<V>(ObjectTree<V> tree, long expiresNanos) {}
}
