package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.meta.Status;
import io.kapi.api.meta.StatusCause;
import io.kapi.api.meta.StatusDetails;
import io.kapi.api.meta.StatusReasons;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.NamespaceChecker;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Upstream's {@code NamespaceLifecycle} admission over the namespaces the server stores: objects
 * can be created only in existing namespaces ({@code 404 namespaces "x" not found}) that are not
 * being deleted ({@code 403 ... because it is being terminated}), and {@code default}, {@code
 * kube-system} and {@code kube-public} can never be deleted. Thread-safe if the lookup is.
 *
 * <pre>{@code
 * NamespaceLifecycle lifecycle = new NamespaceLifecycle(name -> namespacesStore.getOrNull(name));
 * // as the server's NamespaceChecker, and before every create of a namespaced object:
 * lifecycle.admitCreate(GroupResource.of("", "pods"), "team-a", pod);
 * }</pre>
 */
public final class NamespaceLifecycle implements NamespaceChecker {
  /** Namespaces that may not be deleted. */
  public static final Set<String> IMMORTAL_NAMESPACES =
      Set.of("default", "kube-system", "kube-public");

  private final Function<String, @Nullable Unstructured> lookup;

  /**
   * A lifecycle that reads namespaces through {@code lookup} (the current namespace object, or null
   * when there is none).
   */
  public NamespaceLifecycle(Function<String, @Nullable Unstructured> lookup) {
    this.lookup = checkNotNull(lookup, "lookup");
  }

  /** Whether the namespace exists (terminating ones included). */
  @Override
  public boolean exists(String namespace) {
    checkNotNull(namespace, "namespace");
    return lookup.apply(namespace) != null;
  }

  /**
   * Admits the creation of {@code object} of {@code resource} in {@code namespace}.
   *
   * @throws ApiException 404 if the namespace does not exist, 403 if it is being deleted
   */
  @Override
  public void admitCreate(GroupResource resource, String namespace, Unstructured object) {
    checkNotNull(resource, "resource");
    checkNotNull(namespace, "namespace");
    checkNotNull(object, "object");
    Unstructured current = lookup.apply(namespace);
    if (current == null) {
      throw ApiErrors.notFound("", "namespaces", namespace);
    }
    if (isTerminating(current)) {
      String name = object.getName();
      if (name == null || name.isEmpty()) {
        name = object.getGenerateName();
      }
      if (name == null || name.isEmpty()) {
        name = "Unknown";
      }
      throw forbidden(
          resource,
          name,
          "unable to create new content in namespace "
              + namespace
              + " because it is being terminated",
          new StatusCause(
              "NamespaceTerminating",
              "namespace " + namespace + " is being terminated",
              "metadata.namespace"));
    }
  }

  /**
   * Admits the deletion of namespace {@code name}.
   *
   * @throws ApiException 403 for {@link #IMMORTAL_NAMESPACES}
   */
  public static void admitDelete(String name) {
    checkNotNull(name, "name");
    if (IMMORTAL_NAMESPACES.contains(name)) {
      throw forbidden(
          GroupResource.of("", "namespaces"), name, "this namespace may not be deleted", null);
    }
  }

  /** Whether {@code namespace} is being deleted (phase {@code Terminating} or a deletion time). */
  public static boolean isTerminating(Unstructured namespace) {
    checkNotNull(namespace, "namespace");
    return namespace.getDeletionTimestamp() != null
        || Trees.string(namespace, "status", "phase").equals(NamespaceStrategy.TERMINATING);
  }

  /** 403 {@code <resource> "<name>" is forbidden: <reason>}, as upstream's {@code NewForbidden}. */
  static ApiException forbidden(
      GroupResource resource, String name, String reason, @Nullable StatusCause cause) {
    String message =
        name.isEmpty()
            ? resource + " is forbidden: " + reason
            : resource + " \"" + name + "\" is forbidden: " + reason;
    StatusDetails details =
        new StatusDetails(
            name.isEmpty() ? null : name,
            resource.group().isEmpty() ? null : resource.group(),
            resource.resource(),
            null,
            cause == null ? null : List.of(cause),
            0);
    return new ApiException(
        Status.failure(403, StatusReasons.FORBIDDEN, message).withDetails(details));
  }
}
