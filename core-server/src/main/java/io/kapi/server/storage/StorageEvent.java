package io.kapi.server.storage;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * One change seen by a watch: a key was created, modified or deleted at {@code revision}.
 *
 * <p>{@code value} is the new value (for {@code DELETED}: the last value before the delete);
 * {@code prevValue} is the value before the change, when the backend has it.
 */
public record StorageEvent(
    Type type, String key, byte[] value, byte @Nullable [] prevValue, long revision) {

  /** The kind of change, as a Kubernetes watch names it. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }

  public StorageEvent {
    checkNotNull(type, "type");
    checkNotNull(key, "key");
    checkNotNull(value, "value");
  }
}
