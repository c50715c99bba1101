/**
 * JMH benchmarks of Kapi's hot paths; they never run in the test suite.
 *
 * <p>Build with {@code mvn -pl benchmarks -am package -DskipTests} and run {@code java -jar
 * benchmarks/target/benchmarks.jar <regex>}; each class names what it measures, e.g. {@link
 * io.kapi.benchmarks.PathRecorderMuxBenchmark}.
 */
@NullMarked
package io.kapi.benchmarks;

import org.jspecify.annotations.NullMarked;
