package io.kapi.server.core.v1;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.unstructured.Unstructured;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Objects of one namespaced resource in memory; a delete keeps objects that have finalizers. */
final class InMemoryContent implements NamespacedContent {
  private final GroupResource resource;
  private final Map<String, Unstructured> objects = new ConcurrentHashMap<>();
  private volatile boolean failing;

  InMemoryContent(GroupResource resource) {
    this.resource = resource;
  }

  void add(String namespace, String name, String... finalizers) {
    Unstructured object = new Unstructured();
    object.setNamespace(namespace);
    object.setName(name);
    object.setFinalizers(List.of(finalizers));
    objects.put(namespace + "/" + name, object);
  }

  /** Removes the finalizers of an object (which goes away if it is being deleted). */
  void finalize(String namespace, String name) {
    Unstructured object = objects.get(namespace + "/" + name);
    if (object.getDeletionTimestamp() != null) {
      objects.remove(namespace + "/" + name);
    } else {
      object.setFinalizers(null);
    }
  }

  void failDeletes(boolean fail) {
    this.failing = fail;
  }

  int count(String namespace) {
    return list(namespace).size();
  }

  @Override
  public GroupResource resource() {
    return resource;
  }

  @Override
  public List<Unstructured> list(String namespace) {
    List<Unstructured> out = new ArrayList<>();
    objects.values().stream()
        .filter(o -> namespace.equals(o.getNamespace()))
        .forEach(o -> out.add(o.deepCopy()));
    return out;
  }

  @Override
  public void delete(String namespace, String name) {
    if (failing) {
      throw ApiErrors.internalError("storage is down");
    }
    Unstructured object = objects.get(namespace + "/" + name);
    if (object == null) {
      throw ApiErrors.notFound(resource.group(), resource.resource(), name);
    }
    if (object.getFinalizers().isEmpty()) {
      objects.remove(namespace + "/" + name);
    } else {
      object.setDeletionTimestamp(Instant.parse("2024-05-01T12:00:00Z"));
    }
  }
}
