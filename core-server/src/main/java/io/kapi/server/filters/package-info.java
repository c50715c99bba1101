/**
 * The filters that run once per request in the outermost server, in kube-apiserver's order:
 * audit ID, panic recovery, request info, HTTP log, request metrics, cache control, body limit,
 * request timeout, authentication, in-flight tracking. Start with {@link io.kapi.server.filters.DefaultHandlerChain}.
 */
@NullMarked
package io.kapi.server.filters;

import org.jspecify.annotations.NullMarked;
