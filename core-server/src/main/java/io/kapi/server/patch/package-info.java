/**
 * PATCH bodies applied to stored objects as kube-apiserver applies them: RFC 6902 JSON patch, RFC
 * 7386 merge patch and strategic merge patch. Start with {@link io.kapi.server.patch.Patcher}; the
 * request's {@code Content-Type} maps to a {@link io.kapi.server.patch.PatchType}, and a resource's
 * schema is seen through {@link io.kapi.server.patch.PatchSchema} (merge keys and strategies).
 */
@NullMarked
package io.kapi.server.patch;

import org.jspecify.annotations.NullMarked;
