package io.kapi.server.storage;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One stored entry: a key, its value bytes and the revisions of its creation and last change.
 *
 * <p>The value array is shared, not copied: callers must not modify it.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
  public KeyValue {
    checkNotNull(key, "key");
    checkNotNull(value, "value");
    checkArgument(modRevision > 0, "modRevision must be positive: %s", modRevision);
  }
}
