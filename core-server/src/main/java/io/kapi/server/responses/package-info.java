/**
 * Writing responses the way kube-apiserver does: {@link io.kapi.server.responses.Responses} writes
 * objects (pretty-printed on {@code ?pretty=true} or for curl/browsers) and {@code Status} errors,
 * each exactly once per exchange.
 */
@NullMarked
package io.kapi.server.responses;

import org.jspecify.annotations.NullMarked;
