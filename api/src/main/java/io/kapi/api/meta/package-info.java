/**
 * The {@code meta.k8s.io/v1} wire types every API object and response uses: {@link
 * io.kapi.api.meta.ObjectMeta} and {@link io.kapi.api.meta.ListMeta}, {@link
 * io.kapi.api.meta.Status} (the body of every error), {@link io.kapi.api.meta.WatchEvent}, {@link
 * io.kapi.api.meta.Table}, {@link io.kapi.api.meta.PartialObjectMetadata} and the request options.
 * All are records written with upstream's field order and omit-empty rules by {@link
 * io.kapi.api.codec.ApiCodec}.
 */
@NullMarked
package io.kapi.api.meta;

import org.jspecify.annotations.NullMarked;
