package io.kapi.server.storage;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Optimistic read-modify-write loops on top of {@link Storage}'s compare-and-swap, the way
 * kube-apiserver's {@code GuaranteedUpdate} works: read the current entry, check the {@link
 * Preconditions}, compute the new value, write it only if nobody wrote in between, and start over
 * when somebody did.
 *
 * <pre>{@code
 * KeyValue kv = GuaranteedUpdate.guaranteedUpdate(storage, key, false, Preconditions.NONE,
 *     current -> bump(current.value()));
 * }</pre>
 */
public final class GuaranteedUpdate {
  private GuaranteedUpdate() {}

  /**
   * Updates {@code key} with the value {@code fn} computes from its current entry, retrying on
   * {@code CONFLICT} until a write succeeds. When {@code fn} returns bytes equal to the current
   * value nothing is written and the current entry is returned. A missing key is created when
   * {@code ignoreNotFound} is set ({@code fn} then sees {@code null}).
   *
   * @return the entry as stored (or as found, for a no-op)
   * @throws StorageException {@code NOT_FOUND} if the key does not exist and {@code ignoreNotFound}
   *     is not set; {@code CONFLICT} if the preconditions fail; whatever {@code fn} throws
   */
  public static KeyValue guaranteedUpdate(
      Storage storage,
      String key,
      boolean ignoreNotFound,
      Preconditions preconditions,
      UpdateFunction fn) {
    checkNotNull(storage, "storage");
    checkNotNull(key, "key");
    checkNotNull(preconditions, "preconditions");
    checkNotNull(fn, "fn");
    while (true) {
      @Nullable KeyValue current = storage.get(key).orElse(null);
      if (current == null && !ignoreNotFound) {
        throw notFound(key);
      }
      preconditions.check(key, current);
      byte[] value = checkNotNull(fn.apply(current), "update function returned null for %s", key);
      try {
        if (current == null) {
          return storage.create(key, value);
        }
        if (Arrays.equals(value, current.value())) {
          return current;
        }
        return storage.update(key, current.modRevision(), value);
      } catch (StorageException e) {
        if (e.code() != StorageException.Code.CONFLICT
            && e.code() != StorageException.Code.KEY_EXISTS
            && e.code() != StorageException.Code.NOT_FOUND) {
          throw e;
        }
        // somebody wrote, created or deleted the key in between: read again
      }
    }
  }

  /**
   * Deletes {@code key} once its current entry meets {@code preconditions}, retrying when the entry
   * changes between the check and the delete.
   *
   * @return the last value, with the revision of the delete (see {@link Storage#delete})
   * @throws StorageException {@code NOT_FOUND} if the key does not exist; {@code CONFLICT} if the
   *     preconditions fail
   */
  public static KeyValue guaranteedDelete(
      Storage storage, String key, Preconditions preconditions) {
    checkNotNull(storage, "storage");
    checkNotNull(key, "key");
    checkNotNull(preconditions, "preconditions");
    while (true) {
      Optional<KeyValue> current = storage.get(key);
      if (current.isEmpty()) {
        throw notFound(key);
      }
      preconditions.check(key, current.get());
      try {
        return storage.delete(key, current.get().modRevision());
      } catch (StorageException e) {
        if (e.code() != StorageException.Code.CONFLICT) {
          throw e;
        }
      }
    }
  }

  private static StorageException notFound(String key) {
    return new StorageException(StorageException.Code.NOT_FOUND, key, "key not found: " + key);
  }
}
