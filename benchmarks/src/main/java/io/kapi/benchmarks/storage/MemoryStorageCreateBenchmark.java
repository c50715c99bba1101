package io.kapi.benchmarks.storage;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.cache.WatchCache;
import io.kapi.server.storage.memory.MemoryStorage;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * Creates per second into {@link MemoryStorage} from 8 writer threads, each creating distinct keys
 * with a 512-byte value; target ≥ 200,000/s. With {@code -p watchers=cache} a {@link WatchCache}
 * follows every write, as in a running server.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MemoryStorageCreateBenchmark
 * java -jar benchmarks/target/benchmarks.jar MemoryStorageCreateBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s -p watchers=none   # smoke
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class MemoryStorageCreateBenchmark {
  private static final String PREFIX = "/registry/pods/";

  /**
   * {@code none}: the bare store; {@code cache}: a watch cache on the prefix follows the writes.
   */
  @Param({"none", "cache"})
  public String watchers = "none";

  private final byte[] value = new byte[512];
  private @Nullable MemoryStorage storage;
  private @Nullable WatchCache<byte[]> cache;

  /** Each thread writes its own namespace, so keys never collide. */
  @State(Scope.Thread)
  public static class Keys {
    private final String namespace =
        PREFIX + "ns-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "/pod-";
    private long next;

    String next() {
      return namespace + next++;
    }
  }

  @Setup(Level.Iteration)
  public void open() {
    Arrays.fill(value, (byte) 'x');
    storage = MemoryStorage.create();
    if (watchers.equals("cache")) {
      cache = WatchCache.builder(storage, PREFIX, KeyValue::value, (byte[] v) -> v).build();
    }
  }

  @TearDown(Level.Iteration)
  public void close() {
    if (cache != null) {
      cache.close();
      cache = null;
    }
    if (storage != null) {
      storage.close();
    }
  }

  @Benchmark
  public KeyValue create(Keys keys) {
    MemoryStorage s = storage;
    if (s == null) {
      throw new IllegalStateException("not set up");
    }
    return s.create(keys.next(), value);
  }
}
