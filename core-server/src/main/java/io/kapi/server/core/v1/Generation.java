package io.kapi.server.core.v1;

import io.kapi.api.unstructured.Unstructured;

/** Upstream's built-in kinds other than pods keep no {@code metadata.generation}. */
final class Generation {
  private Generation() {}

  /** Removes the generation the store gave a new object. */
  static void clear(Unstructured object) {
    object.setGeneration(0);
  }
}
