/**
 * Load benchmarks of issue 4, each a {@code main} that starts the sample server in-process and
 * prints a result block: {@link io.kapi.benchmarks.load.ConfigMapGetLoadBenchmark} (wrk, chain vs
 * bare Undertow), {@link io.kapi.benchmarks.load.ConfigMapListCreateBenchmark} (paged lists and
 * creates vs the storage backend), {@link io.kapi.benchmarks.load.IdleWatchBenchmark} (10,000 idle
 * watches, heap and threads, one update fanned out) and {@link
 * io.kapi.benchmarks.load.Fabric8MockComparisonBenchmark} (the same workload against fabric8's
 * mock).
 */
@NullMarked
package io.kapi.benchmarks.load;

import org.jspecify.annotations.NullMarked;
