/**
 * The {@code meta.k8s.io/v1} wire types every API object and response uses: object and list
 * metadata, {@link io.kapi.api.meta.Status} (the body of every error), and friends.
 */
@NullMarked
package io.kapi.api.meta;

import org.jspecify.annotations.NullMarked;
