package io.kapi.server.storage;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conditions a stored object must meet before it may be updated or deleted, the storage side of
 * {@code DeleteOptions.preconditions}: its {@code metadata.uid} and its resource version (the
 * entry's {@linkplain KeyValue#modRevision() mod revision}). A {@code null} field is not checked.
 */
public record Preconditions(@Nullable String uid, @Nullable Long resourceVersion) {

  /** No conditions at all. */
  public static final Preconditions NONE = new Preconditions(null, null);

  /** Only the object's {@code metadata.uid}. */
  public static Preconditions uid(String uid) {
    return new Preconditions(checkNotNull(uid, "uid"), null);
  }

  /** Only the object's resource version. */
  public static Preconditions resourceVersion(long resourceVersion) {
    return new Preconditions(null, resourceVersion);
  }

  /**
   * Checks the conditions against {@code current}, the stored entry under {@code key} ({@code null}
   * when the key does not exist, which fails every condition that is set). The UID is read from the
   * value's JSON only when a UID condition is set.
   *
   * @throws StorageException {@code CONFLICT} with upstream's "Precondition failed: …" message when
   *     a condition does not hold; {@code INTERNAL} when a UID must be checked but the value is not
   *     a JSON object
   */
  public void check(String key, @Nullable KeyValue current) {
    checkNotNull(key, "key");
    if (uid != null) {
      String actual = current == null ? "" : uidOf(key, current.value());
      if (!uid.equals(actual)) {
        throw new StorageException(
            StorageException.Code.CONFLICT,
            key,
            "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + actual);
      }
    }
    if (resourceVersion != null) {
      String actual = current == null ? "" : Long.toString(current.modRevision());
      if (!resourceVersion.toString().equals(actual)) {
        throw new StorageException(
            StorageException.Code.CONFLICT,
            key,
            "Precondition failed: ResourceVersion in precondition: "
                + resourceVersion
                + ", ResourceVersion in object meta: "
                + actual);
      }
    }
  }

  private static String uidOf(String key, byte[] value) {
    JsonNode root;
    try {
      root = JsonMapper.shared().readTree(value);
    } catch (JacksonException e) {
      throw new StorageException(
          StorageException.Code.INTERNAL,
          key,
          "can't enforce a UID precondition on a value that is not JSON: " + e.getOriginalMessage(),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new StorageException(
          StorageException.Code.INTERNAL,
          key,
          "can't enforce a UID precondition on a value that is not a JSON object");
    }
    return root.path("metadata").path("uid").asString("");
  }
}
