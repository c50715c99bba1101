/**
 * The built-in core ({@code ""}) group, served at {@code /api}: {@link
 * io.kapi.server.core.KubeApiServer} builds the {@code kube-apiserver} server of a chain with it,
 * including the namespace lifecycle (admission, initial namespaces, namespace controller).
 */
@NullMarked
package io.kapi.server.core;

import org.jspecify.annotations.NullMarked;
