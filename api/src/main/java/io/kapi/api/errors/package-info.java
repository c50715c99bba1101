/**
 * The one domain exception of Kapi: {@link io.kapi.api.errors.ApiException} carries the
 * {@link io.kapi.api.meta.Status} a client receives; {@link io.kapi.api.errors.ApiErrors} builds the
 * upstream ones (NotFound, AlreadyExists, Conflict, Invalid, ...) with upstream's messages.
 */
@NullMarked
package io.kapi.api.errors;

import org.jspecify.annotations.NullMarked;
