package io.kapi.server.registry;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.unstructured.Unstructured;

/**
 * Tells the {@link Store} whether a namespace exists before an object is created in it (upstream's
 * {@code NamespaceLifecycle} admission); creating in a missing namespace answers 404 {@code
 * namespaces "x" not found}. The server that serves namespaces provides the real check.
 */
@FunctionalInterface
public interface NamespaceChecker {

  /** A checker for servers without namespaces: every namespace exists. */
  NamespaceChecker ANY = namespace -> true;

  /** Whether {@code namespace} exists. */
  boolean exists(String namespace);

  /**
   * Admits the creation of {@code object} of {@code resource} in {@code namespace} (also a PUT or
   * apply that creates): by default it must {@linkplain #exists exist}. A checker that knows
   * namespace phases also refuses namespaces being deleted.
   *
   * @throws ApiException 404 {@code namespaces "x" not found}, or as the checker refuses
   */
  default void admitCreate(GroupResource resource, String namespace, Unstructured object) {
    if (!exists(namespace)) {
      throw ApiErrors.notFound("", "namespaces", namespace);
    }
  }
}
