package io.kapi.server.registry;

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
}
