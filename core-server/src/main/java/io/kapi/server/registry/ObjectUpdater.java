package io.kapi.server.registry;

import io.kapi.api.unstructured.Unstructured;
import org.jspecify.annotations.Nullable;

/**
 * Computes the new state of an object from its current one inside the {@link Store}'s optimistic
 * update loop (upstream's {@code rest.UpdatedObjectInfo}): a PUT returns the request body, a PATCH
 * applies the patch to {@code current}. It may run several times, once per retry, and must not
 * have side effects.
 */
@FunctionalInterface
public interface ObjectUpdater {

  /**
   * The new object given {@code current} (a copy the updater may modify; null when the object does
   * not exist). Throws an {@link io.kapi.api.errors.ApiException} to fail the update.
   */
  Unstructured update(@Nullable Unstructured current);

  /** The updater of a PUT: the body, whatever is stored. */
  static ObjectUpdater replaceWith(Unstructured body) {
    Unstructured copy = body.deepCopy();
    return current -> copy.deepCopy();
  }
}
