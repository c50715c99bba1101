package io.kapi.server.storage;

import org.jspecify.annotations.Nullable;

/**
 * Computes the new value of a key from its current entry, the body of a {@link
 * GuaranteedUpdate#guaranteedUpdate guaranteed update}. It may run several times (once per retry),
 * so it must not have side effects; it may throw to abort the update.
 */
@FunctionalInterface
public interface UpdateFunction {

  /**
   * Returns the value to store given {@code current} ({@code null} when the key does not exist and
   * the update was asked to ignore that).
   */
  byte[] apply(@Nullable KeyValue current);
}
