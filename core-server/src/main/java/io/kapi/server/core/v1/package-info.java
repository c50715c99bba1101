/**
 * The built-in legacy core group ({@code /api/v1}): namespaces, pods, services, configmaps,
 * secrets, events and serviceaccounts with their strategies and Table columns, plus the namespace
 * lifecycle. Start with {@link io.kapi.server.core.v1.CoreV1#apiGroupInfo()}; {@link
 * io.kapi.server.core.KubeApiServer} wires {@link io.kapi.server.core.v1.NamespaceLifecycle} (the
 * namespace checker) and {@link io.kapi.server.core.v1.NamespaceDeletion} (the namespace
 * controller over {@link io.kapi.server.core.v1.NamespaceFinalizer}) for you.
 */
@NullMarked
package io.kapi.server.core.v1;

import org.jspecify.annotations.NullMarked;
