/**
 * The {@code apiextensions-apiserver}: the last server of a chain, which serves custom resources
 * under the {@code /apis/} prefix and hands everything it does not know to the end of the chain.
 * Start with {@link io.kapi.apiextensions.ApiExtensionsServer#create}.
 */
@NullMarked
package io.kapi.apiextensions;

import org.jspecify.annotations.NullMarked;
