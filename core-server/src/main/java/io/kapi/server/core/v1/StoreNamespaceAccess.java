package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ObjectUpdater;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WriteOptions;
import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.StorageKeys;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link NamespaceAccess} over the namespaces {@link Store}: reads through the store, writes
 * straight to its storage (so the namespace strategy does not undo the finalizer's changes) in the
 * store's stored form, which the store's watch cache then delivers to watchers.
 */
final class StoreNamespaceAccess implements NamespaceAccess {
  private static final String OPTIMISTIC_LOCK =
      "the object has been modified; please apply your changes to the latest version and try"
          + " again";

  private final Store store;
  private final String storagePrefix;

  StoreNamespaceAccess(Store store) {
    this.store = checkNotNull(store, "store");
    checkArgument(
        !store.resource().namespaced(), "%s is not cluster-scoped", store.resource().plural());
    this.storagePrefix = store.resource().storagePrefix(store.groupVersion().group());
  }

  @Override
  public @Nullable Unstructured get(String name) {
    try {
      return store.get("", name, null).object().deepCopy();
    } catch (ApiException e) {
      if (e.code() == 404) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public Unstructured update(Unstructured namespace) {
    String name = checkNotNull(namespace.getName(), "name");
    String resourceVersion = checkNotNull(namespace.getResourceVersion(), "resourceVersion");
    Unstructured stored = namespace.deepCopy();
    stored.sortKeys();
    stored.setResourceVersion(null);
    try {
      KeyValue kv =
          store.storage().update(key(name), Long.parseLong(resourceVersion), encode(stored));
      stored.setResourceVersion(Long.toString(kv.modRevision()));
      return stored;
    } catch (StorageException e) {
      throw switch (e.code()) {
        case CONFLICT -> ApiErrors.conflict("", store.resource().plural(), name, OPTIMISTIC_LOCK);
        case NOT_FOUND -> ApiErrors.notFound("", store.resource().plural(), name);
        default -> ApiErrors.internalError(e.getMessage());
      };
    }
  }

  /** Through the store's {@code finalize} subresource when it has one, as upstream's controller. */
  @Override
  public @Nullable Unstructured updateFinalizers(Unstructured namespace) {
    if (!store.resource().updateSubresources().contains(NamespaceStrategy.FINALIZE)) {
      return NamespaceAccess.super.updateFinalizers(namespace);
    }
    String name = checkNotNull(namespace.getName(), "name");
    Unstructured stored =
        store
            .updateSubresource(
                "",
                name,
                NamespaceStrategy.FINALIZE,
                ObjectUpdater.replaceWith(namespace),
                WriteOptions.DEFAULT)
            .object();
    return NamespaceStrategy.releasedForRemoval(stored) ? null : stored;
  }

  @Override
  public void remove(String name, String uid) {
    Optional<KeyValue> current = store.storage().get(key(name));
    if (current.isEmpty()) {
      return;
    }
    Unstructured object = ApiCodec.json().decode(current.get().value(), Unstructured.class);
    if (!uid.equals(object.getUid())) {
      return;
    }
    try {
      store.storage().delete(key(name), current.get().modRevision());
    } catch (StorageException e) {
      if (e.code() != StorageException.Code.NOT_FOUND) {
        throw e.code() == StorageException.Code.CONFLICT
            ? ApiErrors.conflict("", store.resource().plural(), name, OPTIMISTIC_LOCK)
            : ApiErrors.internalError(e.getMessage());
      }
    }
  }

  private String key(String name) {
    return StorageKeys.objectKey(storagePrefix, null, name);
  }

  /** The store's stored form: compact JSON, keys sorted, no resourceVersion, no newline. */
  private static byte[] encode(Unstructured object) {
    byte[] json = ApiCodec.json().encode(object);
    int length = json.length;
    while (length > 0 && json[length - 1] == '\n') {
      length--;
    }
    return Arrays.copyOf(json, length);
  }
}
