/**
 * Benchmarks of the storage layer: the memory backend's write throughput and the watch cache's list
 * latency (JMH), fan-out latency and memory per idle watcher (plain main classes).
 *
 * <p>Start with {@link io.kapi.benchmarks.storage.MemoryStorageCreateBenchmark}; each class says
 * how to run it and what it targets.
 */
@NullMarked
package io.kapi.benchmarks.storage;

import org.jspecify.annotations.NullMarked;
