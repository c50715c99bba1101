/**
 * Names of API types and resources ({@link io.kapi.api.schema.GroupVersion}, {@link
 * io.kapi.api.schema.GroupVersionKind}, {@link io.kapi.api.schema.GroupVersionResource}, {@link
 * io.kapi.api.schema.GroupResource}) with upstream's string forms, and the {@link
 * io.kapi.api.schema.Scheme} that maps kinds to Java types. Start with {@link
 * io.kapi.api.schema.Scheme#builder()}.
 */
@NullMarked
package io.kapi.api.schema;

import org.jspecify.annotations.NullMarked;
