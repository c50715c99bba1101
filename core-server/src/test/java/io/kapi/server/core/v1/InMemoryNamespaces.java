package io.kapi.server.core.v1;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.unstructured.Unstructured;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** A namespaces store in memory with resourceVersion checks, as the finalizer needs it. */
final class InMemoryNamespaces implements NamespaceAccess {
  private final Map<String, Unstructured> byName = new ConcurrentHashMap<>();
  private final AtomicLong revision = new AtomicLong();
  private final NamespaceStrategy strategy = new NamespaceStrategy();

  /** Creates a namespace through the strategy, as the REST create would. */
  Unstructured create(String name) {
    Unstructured namespace = CoreV1.namespace(name);
    namespace.setUid(UUID.randomUUID().toString());
    strategy.prepareForCreate(namespace);
    strategy.canonicalize(namespace);
    namespace.setResourceVersion(Long.toString(revision.incrementAndGet()));
    byName.put(name, namespace);
    return namespace.deepCopy();
  }

  @Override
  public synchronized @Nullable Unstructured get(String name) {
    Unstructured namespace = byName.get(name);
    return namespace == null ? null : namespace.deepCopy();
  }

  @Override
  public synchronized Unstructured update(Unstructured namespace) {
    Unstructured current = byName.get(namespace.getName());
    if (current == null) {
      throw ApiErrors.notFound("", "namespaces", namespace.getName());
    }
    if (!current.getResourceVersion().equals(namespace.getResourceVersion())) {
      throw ApiErrors.conflict("", "namespaces", namespace.getName(), "modified");
    }
    Unstructured stored = namespace.deepCopy();
    stored.setResourceVersion(Long.toString(revision.incrementAndGet()));
    byName.put(stored.getName(), stored);
    return stored.deepCopy();
  }

  @Override
  public synchronized void remove(String name, String uid) {
    Unstructured current = byName.get(name);
    if (current != null && uid.equals(current.getUid())) {
      byName.remove(name);
    }
  }
}
