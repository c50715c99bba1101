package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What a delete answers: the object (deleted, or marked for deletion while finalizers remain) or a
 * {@code Success} {@link io.kapi.api.meta.Status}, and whether the object is gone.
 *
 * @param body an {@link io.kapi.api.unstructured.Unstructured} or a {@link
 *     io.kapi.api.meta.Status}
 */
public record DeleteResult(Object body, boolean deleted) {
  public DeleteResult {
    checkNotNull(body, "body");
  }
}
