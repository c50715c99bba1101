/**
 * Benchmarks of the server chain: {@link io.kapi.benchmarks.server.DirectorBenchmark} (JMH, the
 * director's routing decision) and {@link io.kapi.benchmarks.server.VersionLoadBenchmark} (wrk
 * against the whole chain and a bare Undertow serving the same bytes).
 */
@NullMarked
package io.kapi.benchmarks.server;

import org.jspecify.annotations.NullMarked;
