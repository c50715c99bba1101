package io.kapi.server.storage.cache;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What to list from a {@link WatchCache}: the objects under {@code prefix} (which must lie within
 * the cache's prefix), from {@code startKey} (inclusive; empty for the first), at most {@code
 * limit} ({@code 0} for all), from a state not older than {@code minRevision} ({@code 0}: any
 * state, Kubernetes' {@code resourceVersion=0}), that pass {@code filter} ({@code null}: all).
 */
public record CacheListRequest<T>(
    String prefix,
    String startKey,
    long minRevision,
    int limit,
    @Nullable Predicate<? super T> filter) {

  public CacheListRequest {
    checkNotNull(prefix, "prefix");
    checkNotNull(startKey, "startKey");
    checkArgument(minRevision >= 0, "minRevision must not be negative: %s", minRevision);
    checkArgument(limit >= 0, "limit must not be negative: %s", limit);
  }

  /** Everything under {@code prefix}, any revision. */
  public static <T> CacheListRequest<T> all(String prefix) {
    return new CacheListRequest<>(prefix, "", 0, 0, null);
  }

  /** A copy that reads a state not older than {@code minRevision}. */
  public CacheListRequest<T> withMinRevision(long minRevision) {
    return new CacheListRequest<>(prefix, startKey, minRevision, limit, filter);
  }

  /** A copy that returns at most {@code limit} objects from {@code startKey} on. */
  public CacheListRequest<T> withPage(String startKey, int limit) {
    return new CacheListRequest<>(prefix, startKey, minRevision, limit, filter);
  }

  /** A copy that returns only objects passing {@code filter} (label and field selectors). */
  public CacheListRequest<T> withFilter(@Nullable Predicate<? super T> filter) {
    return new CacheListRequest<>(prefix, startKey, minRevision, limit, filter);
  }
}
