package io.kapi.server.core.v1;

import io.kapi.api.errors.ApiException;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.Store;
import org.jspecify.annotations.Nullable;

/**
 * The namespaces store as the {@link NamespaceFinalizer} uses it: storage-level reads and writes
 * that bypass the namespace strategy, because the finalizer changes what clients may not ({@code
 * status} and {@code spec.finalizers}, which upstream changes through {@code namespaces/status} and
 * {@code namespaces/finalize}). Implementations write through the same storage as the REST
 * endpoints, so watchers see every change.
 */
public interface NamespaceAccess {

  /**
   * Access over the namespaces {@code store} (the store of {@code namespaces} in {@link
   * CoreV1#apiGroupInfo()}): reads through it, writes straight to its storage.
   *
   * @throws IllegalArgumentException if the store's resource is namespaced
   */
  static NamespaceAccess of(Store store) {
    return new StoreNamespaceAccess(store);
  }

  /** The current namespace {@code name}, or null if there is none. */
  @Nullable Unstructured get(String name);

  /**
   * Stores {@code namespace} exactly as given if its {@code metadata.resourceVersion} is still the
   * current one, and returns the stored object (with its new resourceVersion).
   *
   * @throws ApiException 409 Conflict if the namespace changed meanwhile, 404 if it is gone
   */
  Unstructured update(Unstructured namespace);

  /**
   * Sets {@code spec.finalizers} to those of {@code namespace} as {@code PUT
   * /api/v1/namespaces/<name>/finalize} does (its resourceVersion must still be current); a
   * namespace being deleted that is left without any finalizer is removed in the same step.
   *
   * @return the stored namespace, or null if the update removed it
   * @throws ApiException 409 Conflict if the namespace changed meanwhile, 404 if it is gone
   */
  default @Nullable Unstructured updateFinalizers(Unstructured namespace) {
    Unstructured stored = update(namespace);
    if (NamespaceStrategy.releasedForRemoval(stored)) {
      remove(
          java.util.Objects.requireNonNull(stored.getName(), "name"),
          java.util.Objects.requireNonNullElse(stored.getUid(), ""));
      return null;
    }
    return stored;
  }

  /**
   * Removes namespace {@code name} for good if its uid is still {@code uid}; does nothing if it is
   * already gone.
   */
  void remove(String name, String uid);
}
