package io.kapi.server.storage.cache;

import java.util.List;
import java.util.OptionalLong;

/**
 * A page listed from a {@link WatchCache}: the objects in key order, the revision of the state they
 * were read from, whether more matching objects follow, and how many objects follow when that is
 * known cheaply (only without a filter, which is also when Kubernetes reports {@code
 * remainingItemCount}).
 */
public record CacheListResult<T>(
    List<CachedObject<T>> items, long revision, boolean more, OptionalLong remaining) {
  public CacheListResult {
    items = List.copyOf(items);
  }
}
