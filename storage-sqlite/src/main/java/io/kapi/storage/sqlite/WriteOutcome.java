package io.kapi.storage.sqlite;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.StorageException;
import org.jspecify.annotations.Nullable;

/**
 * The result of one write as decided by the writer thread: the stored entry, or why it failed.
 * Exceptions are created by {@link #orThrow} on the caller's thread so their stack traces point at
 * the caller.
 */
record WriteOutcome(
    @Nullable KeyValue keyValue,
    StorageException.@Nullable Code failure,
    String message,
    @Nullable Throwable cause) {

  static WriteOutcome success(KeyValue keyValue) {
    return new WriteOutcome(keyValue, null, "", null);
  }

  static WriteOutcome failure(StorageException.Code code, String message) {
    return new WriteOutcome(null, code, message, null);
  }

  static WriteOutcome internal(String message, Throwable cause) {
    return new WriteOutcome(null, StorageException.Code.INTERNAL, message, cause);
  }

  KeyValue orThrow(String key) {
    if (keyValue != null) {
      return keyValue;
    }
    StorageException.Code code = failure == null ? StorageException.Code.INTERNAL : failure;
    throw new StorageException(code, key, message, cause);
  }
}
