/**
 * Helpers shared by the packages of the {@code api} module: Go-compatible text formats (RFC 3339
 * times, {@code %q} quoting, float formatting). Not API: may change without notice.
 */
@NullMarked
package io.kapi.api.internal;

import org.jspecify.annotations.NullMarked;
