/**
 * The generic API server library. Start with {@link io.kapi.server.GenericApiServer#builder}: each
 * server has an {@link io.kapi.server.ApiServerHandler} (go-restful style container + path recorder
 * mux + director) and delegates what it does not serve to the next {@link
 * io.kapi.server.DelegationTarget}; the filters of {@link io.kapi.server.filters} run once, in the
 * outermost server, whose handler chain {@link io.kapi.server.serving} serves over HTTPS.
 */
@NullMarked
package io.kapi.server;

import org.jspecify.annotations.NullMarked;
