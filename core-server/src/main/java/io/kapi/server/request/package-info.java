/**
 * What a request is about: {@link io.kapi.server.request.RequestInfo} (verb, group, version,
 * namespace, resource, name, subresource) resolved from the URL by
 * {@link io.kapi.server.request.RequestInfoResolver}, and the per-request attributes the filters
 * attach ({@link io.kapi.server.request.RequestContext}).
 */
@NullMarked
package io.kapi.server.request;

import org.jspecify.annotations.NullMarked;
