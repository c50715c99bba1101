/**
 * JMH benchmarks of the SQLite storage backend.
 *
 * <p>Start with {@link io.kapi.benchmarks.sqlite.SqliteCreateBenchmark}: acknowledged creates per
 * second with 64 concurrent writers and with one writer, on a real file in a temporary directory.
 */
@NullMarked
package io.kapi.benchmarks.sqlite;

import org.jspecify.annotations.NullMarked;
