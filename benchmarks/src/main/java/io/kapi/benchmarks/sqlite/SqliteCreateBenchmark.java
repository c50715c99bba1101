package io.kapi.benchmarks.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.kapi.server.storage.KeyValue;
import io.kapi.storage.sqlite.Durability;
import io.kapi.storage.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Acknowledged creates per second on {@link SqliteStorage}: every operation returns only after its
 * (group-committed) transaction is durable. Each trial uses a fresh database file in a temporary
 * directory.
 *
 * <p>Smoke run: {@code java -jar benchmarks/target/benchmarks.jar SqliteCreateBenchmark -wi 0 -i 1
 * -r 3s -f 1}; add {@code -p durability=SURVIVES_PROCESS_CRASH} for {@code synchronous=NORMAL}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class SqliteCreateBenchmark {
  /** Which {@link Durability} the database commits with. */
  @Param({"SURVIVES_POWER_LOSS"})
  public String durability = "SURVIVES_POWER_LOSS";

  private final AtomicLong next = new AtomicLong();
  private final byte[] value = podJson().getBytes(UTF_8);
  private Path directory;
  private SqliteStorage storage;

  @Setup(Level.Trial)
  public void open() throws IOException {
    directory = Files.createTempDirectory("kapi-sqlite-bench");
    storage =
        SqliteStorage.builder(directory.resolve("bench.db"))
            .durability(Durability.valueOf(durability))
            .open();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    storage.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** 64 threads creating distinct keys at once: measures group commit. */
  @Benchmark
  @Threads(64)
  public KeyValue create64Writers() {
    return create();
  }

  /** One thread creating keys back to back: measures one commit per write. */
  @Benchmark
  @Threads(1)
  public KeyValue create1Writer() {
    return create();
  }

  private KeyValue create() {
    return storage.create("/registry/pods/bench/pod-" + next.incrementAndGet(), value);
  }

  private static String podJson() {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod\",\"namespace\":"
        + "\"bench\",\"uid\":\"6f1c7c2e-8f0a-4d7b-9a57-0c1f7f3f2a10\","
        + "\"labels\":{\"app\":\"web\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"ports\":"
        + "[{\"containerPort\":80,\"protocol\":\"TCP\"}],\"resources\":{\"requests\":{\"cpu\":"
        + "\"100m\",\"memory\":\"128Mi\"}}}],\"restartPolicy\":\"Always\"},\"status\":{}}";
  }
}
