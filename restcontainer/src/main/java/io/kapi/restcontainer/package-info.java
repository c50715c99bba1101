/**
 * A go-restful style REST container on Undertow: web services with root paths, routes with
 * {@code {param}} path templates, and the 404/405/406/415 route selection of go-restful's CurlyRouter.
 *
 * <p>Start with {@link io.kapi.restcontainer.Container}: build a {@link io.kapi.restcontainer.WebService}
 * of {@link io.kapi.restcontainer.Route}s, add it, and mount the container as an Undertow handler.
 * Error bodies are written by the {@link io.kapi.restcontainer.ErrorWriter} you pass in.
 */
@NullMarked
package io.kapi.restcontainer;

import org.jspecify.annotations.NullMarked;
