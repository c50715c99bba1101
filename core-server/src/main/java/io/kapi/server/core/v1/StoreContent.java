package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ListParams;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.StoredObject;
import java.util.List;

/** {@link NamespacedContent} over the {@link Store} of a namespaced resource. */
final class StoreContent implements NamespacedContent {
  private final Store store;
  private final GroupResource resource;

  StoreContent(Store store) {
    this.store = checkNotNull(store, "store");
    checkArgument(store.resource().namespaced(), "%s is cluster-scoped", store.resource().plural());
    this.resource = GroupResource.of(store.groupVersion().group(), store.resource().plural());
  }

  @Override
  public GroupResource resource() {
    return resource;
  }

  @Override
  public List<Unstructured> list(String namespace) {
    return store.list(namespace, ListParams.all()).items().stream()
        .map(StoredObject::object)
        .toList();
  }

  @Override
  public void delete(String namespace, String name) {
    store.delete(namespace, name, DeleteOptions.defaults());
  }
}
