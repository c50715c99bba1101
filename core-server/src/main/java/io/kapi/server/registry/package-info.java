/**
 * The generic registry: how a resource is described ({@link io.kapi.server.registry.ApiGroupInfo},
 * {@link io.kapi.server.registry.ResourceDefinition}), the hooks its author may implement ({@link
 * io.kapi.server.registry.ResourceStrategy}, {@link io.kapi.server.registry.ObjectSchemaHook}), and
 * the {@link io.kapi.server.registry.Store} that keeps its objects in a {@link
 * io.kapi.server.storage.Storage} with Kubernetes semantics. Start with {@code ApiGroupInfo.builder}.
 */
@NullMarked
package io.kapi.server.registry;

import org.jspecify.annotations.NullMarked;
