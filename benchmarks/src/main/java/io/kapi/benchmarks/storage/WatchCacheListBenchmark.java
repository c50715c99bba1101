package io.kapi.benchmarks.storage;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.cache.CacheListRequest;
import io.kapi.server.storage.cache.CacheListResult;
import io.kapi.server.storage.cache.CachedObject;
import io.kapi.server.storage.cache.WatchCache;
import io.kapi.server.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lists 10,000 objects of 1 KiB from a {@link WatchCache} ({@code resourceVersion=0}); target ≤ 20
 * ms. {@code listAll} is the cache's own work; {@code listAndCopyBytes} also copies every object's
 * (memoized) serialized bytes into one response buffer, as writing the list body would.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar WatchCacheListBenchmark
 * java -jar benchmarks/target/benchmarks.jar WatchCacheListBenchmark -f 1 -wi 1 -i 1 -w 1s -r 1s   # smoke
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
public class WatchCacheListBenchmark {
  private static final String PREFIX = "/registry/example.com/foos/";
  private static final int OBJECTS = 10_000;
  private static final int SIZE = 1024;

  private @Nullable MemoryStorage storage;
  private @Nullable WatchCache<byte[]> cache;
  private final CacheListRequest<byte[]> all = CacheListRequest.all(PREFIX);
  private byte[] response = new byte[0];

  @Setup(Level.Trial)
  public void load() {
    MemoryStorage s = MemoryStorage.create();
    for (int i = 0; i < OBJECTS; i++) {
      String name = "foo-" + i;
      s.create(PREFIX + "default/" + name, object(name));
    }
    storage = s;
    cache = WatchCache.builder(s, PREFIX, KeyValue::value, (byte[] v) -> v).build();
    response = new byte[OBJECTS * (SIZE + 1) + 1024];
  }

  @TearDown(Level.Trial)
  public void close() {
    if (cache != null) {
      cache.close();
    }
    if (storage != null) {
      storage.close();
    }
  }

  @Benchmark
  public CacheListResult<byte[]> listAll() {
    return cache().list(all);
  }

  @Benchmark
  public int listAndCopyBytes() {
    CacheListResult<byte[]> result = cache().list(all);
    int at = 0;
    for (CachedObject<byte[]> o : result.items()) {
      byte[] b = o.serialized();
      System.arraycopy(b, 0, response, at, b.length);
      at += b.length;
      response[at++] = ',';
    }
    return at;
  }

  private WatchCache<byte[]> cache() {
    WatchCache<byte[]> c = cache;
    if (c == null) {
      throw new IllegalStateException("not set up");
    }
    return c;
  }

  /** A JSON object padded to {@link #SIZE} bytes. */
  static byte[] object(String name) {
    StringBuilder b =
        new StringBuilder(
                "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Foo\",\"metadata\":{\"name\":\"")
            .append(name)
            .append("\",\"namespace\":\"default\"},\"spec\":{\"data\":\"");
    while (b.length() < SIZE - 3) {
      b.append('x');
    }
    b.append("\"}}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
