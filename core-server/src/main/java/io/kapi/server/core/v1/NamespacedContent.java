package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiException;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.Store;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The objects of one namespaced resource, as the {@link NamespaceFinalizer} sees them: one per
 * namespaced resource the server serves (built-in and custom), each backed by that resource's
 * store.
 */
public interface NamespacedContent {

  /**
   * The content of a namespaced resource's {@code store}: lists through it and deletes as its
   * DELETE does.
   *
   * @throws IllegalArgumentException if the store's resource is cluster-scoped
   */
  static NamespacedContent of(Store store) {
    return new StoreContent(store);
  }

  /**
   * The content of every namespaced store that {@code stores} supplies, asked anew on every call so
   * that stores installed later (custom resources) join: pass {@code installer::stores} of the
   * server's {@link io.kapi.server.endpoints.ApiInstaller}.
   */
  static Supplier<List<NamespacedContent>> ofStores(Supplier<? extends Collection<Store>> stores) {
    checkNotNull(stores, "stores");
    return () ->
        stores.get().stream()
            .filter(store -> store.resource().namespaced())
            .<NamespacedContent>map(StoreContent::new)
            .toList();
  }

  /** The resource, e.g. {@code pods} (group {@code ""}) or {@code widgets.example.com}. */
  GroupResource resource();

  /** The current objects of the resource in {@code namespace}. */
  List<Unstructured> list(String namespace);

  /**
   * Deletes object {@code name} of {@code namespace} as a client's DELETE with background
   * propagation would: an object with finalizers stays, with a deletion timestamp, until they are
   * removed.
   *
   * @throws ApiException as the DELETE would fail; 404 is ignored by the caller
   */
  void delete(String namespace, String name);
}
