/**
 * The built-in legacy core group ({@code /api/v1}): namespaces, pods, services, configmaps,
 * secrets, events and serviceaccounts with their strategies and Table columns, plus the namespace
 * lifecycle. Start with {@link io.kapi.server.core.v1.CoreV1#apiGroupInfo()}; wire {@link
 * io.kapi.server.core.v1.NamespaceLifecycle} as the server's namespace checker and drive deletions
 * with {@link io.kapi.server.core.v1.NamespaceFinalizer} and {@link
 * io.kapi.server.core.v1.NamespaceController}.
 */
@NullMarked
package io.kapi.server.core.v1;

import org.jspecify.annotations.NullMarked;
