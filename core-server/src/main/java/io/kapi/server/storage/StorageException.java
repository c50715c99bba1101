package io.kapi.server.storage;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * A storage failure with a machine-readable {@link Code}, mapped to a Kubernetes {@code Status} by
 * the REST layer (for instance {@code KEY_EXISTS} → 409 AlreadyExists, {@code COMPACTED} → 410
 * Expired).
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a storage operation failed. */
  public enum Code {
    /** create: the key already has a live value. */
    KEY_EXISTS,
    /** get/update/delete: the key does not exist. */
    NOT_FOUND,
    /** update/delete: the key's mod revision (or a precondition) does not match. */
    CONFLICT,
    /** list/watch: the requested revision has been compacted. */
    COMPACTED,
    /** list: the requested revision is newer than the current one. */
    REVISION_TOO_LARGE,
    /** anything else (I/O, a closed store). */
    INTERNAL
  }

  private final Code code;
  private final String key;

  public StorageException(Code code, String key, String message) {
    this(code, key, message, null);
  }

  public StorageException(Code code, String key, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = checkNotNull(code, "code");
    this.key = checkNotNull(key, "key");
  }

  public Code code() {
    return code;
  }

  /** The key (or prefix) the failed operation was about. */
  public String key() {
    return key;
  }
}
