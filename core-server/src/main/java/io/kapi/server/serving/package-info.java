/**
 * Serving a handler chain over HTTPS (HTTP/1.1 and HTTP/2) with Undertow, with graceful shutdown.
 * Start with {@link io.kapi.server.serving.SecureServer#start}.
 */
@NullMarked
package io.kapi.server.serving;

import org.jspecify.annotations.NullMarked;
