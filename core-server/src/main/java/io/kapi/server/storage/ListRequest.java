package io.kapi.server.storage;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What to list: every key starting with {@code prefix}, from {@code startKey} (inclusive, empty for
 * the first key), at most {@code limit} entries ({@code 0} for all), as of {@code revision}
 * ({@code 0} for the latest).
 */
public record ListRequest(String prefix, String startKey, long revision, int limit) {
  public ListRequest {
    checkNotNull(prefix, "prefix");
    checkNotNull(startKey, "startKey");
    checkArgument(revision >= 0, "revision must not be negative: %s", revision);
    checkArgument(limit >= 0, "limit must not be negative: %s", limit);
  }

  /** All keys under {@code prefix}, latest revision. */
  public static ListRequest all(String prefix) {
    return new ListRequest(prefix, "", 0, 0);
  }
}
