package io.kapi.server.endpoints;

import io.kapi.api.schema.GroupVersion;
import io.kapi.server.registry.ResourceDefinition;

/**
 * Chooses the {@link PatchApplier} of each installed resource: strategic merge patch needs the
 * kind's schema (merge keys, patch strategies), so the applier can differ per resource.
 */
@FunctionalInterface
public interface PatchAppliers {

  /** The applier for {@code resource} served at {@code groupVersion}. */
  PatchApplier forResource(GroupVersion groupVersion, ResourceDefinition resource);
}
