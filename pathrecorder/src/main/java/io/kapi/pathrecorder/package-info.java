/**
 * The HTTP path multiplexer every Kapi server ends in: kube-apiserver's {@code PathRecorderMux}.
 *
 * <p>Start with {@link io.kapi.pathrecorder.PathRecorderMux}: register exact paths and {@code
 * /}-terminated prefixes, list them for the {@code /} index, route with {@link
 * io.kapi.pathrecorder.PathRecorderMux#match(String)}. {@link io.kapi.pathrecorder.GoQuote} renders
 * paths in log lines the way Go's {@code %q} does.
 */
@NullMarked
package io.kapi.pathrecorder;

import org.jspecify.annotations.NullMarked;
