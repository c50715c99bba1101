package io.kapi.benchmarks.storage;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.CacheWatchRequest;
import io.kapi.server.storage.cache.WatchCache;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import io.kapi.server.storage.cache.WatchCacheEvent;
import io.kapi.server.storage.cache.WatchCloseReason;
import io.kapi.server.storage.memory.MemoryStorage;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Fan-out latency of the watch cache: one update at a time to a key watched by 1,000 in-process
 * watchers, measuring for every watcher the time from the storage write to the moment its consumer
 * polls the event and takes its serialized bytes; target p99 ≤ 50 ms. Also checks that each update
 * is serialized once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.storage.WatchCacheFanOutBenchmark [watchers=1000] [updates=500]
 * </pre>
 */
public final class WatchCacheFanOutBenchmark {
  private static final String PREFIX = "/registry/example.com/foos/";
  private static final String KEY = PREFIX + "default/target";
  private static final int WARMUP_UPDATES = 200;

  private WatchCacheFanOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    int watchers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int updates = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    AtomicInteger serializations = new AtomicInteger();
    byte[] value = WatchCacheListBenchmark.object("target");

    try (MemoryStorage storage = MemoryStorage.create()) {
      KeyValue current = storage.create(KEY, value);
      WatchCache<byte[]> cache =
          WatchCache.builder(
                  storage,
                  PREFIX,
                  KeyValue::value,
                  (byte[] v) -> {
                    serializations.incrementAndGet();
                    return v.clone();
                  })
              .build();
      Recorder recorder = new Recorder(watchers * updates);
      for (int i = 0; i < watchers; i++) {
        LatencyConsumer consumer = new LatencyConsumer(recorder);
        consumer.watch = cache.watch(CacheWatchRequest.changesAfter(PREFIX, 0), consumer);
      }

      for (int round = 0; round < WARMUP_UPDATES + updates; round++) {
        recorder.startRound(watchers, round >= WARMUP_UPDATES);
        current = storage.update(KEY, current.modRevision(), value);
        if (!recorder.awaitRound()) {
          throw new IllegalStateException("update " + round + " did not reach every watcher");
        }
      }
      cache.close();

      long[] latencies = recorder.latencies();
      Arrays.sort(latencies);
      System.out.printf(
          Locale.ROOT,
          "watch cache fan-out: %d watchers, %d updates, %d deliveries%n  latency p50 %.3f ms, p99"
              + " %.3f ms, p99.9 %.3f ms, max %.3f ms (target p99 <= 50 ms)%n  serializations per"
              + " update: %.2f (target 1)%n",
          watchers,
          updates,
          latencies.length,
          millis(percentile(latencies, 0.50)),
          millis(percentile(latencies, 0.99)),
          millis(percentile(latencies, 0.999)),
          millis(latencies[latencies.length - 1]),
          serializations.get() / (double) (WARMUP_UPDATES + updates));
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** Collects the latencies of measured rounds. */
  private static final class Recorder {
    private final long[] latencies;
    private int recorded;
    private volatile long sentAt;
    private volatile boolean measured;
    private volatile CountDownLatch round = new CountDownLatch(0);

    Recorder(int capacity) {
      this.latencies = new long[capacity];
    }

    void startRound(int watchers, boolean measure) {
      measured = measure;
      round = new CountDownLatch(watchers);
      sentAt = System.nanoTime();
    }

    synchronized void delivered(long nanos) {
      if (measured) {
        latencies[recorded++] = nanos - sentAt;
      }
      round.countDown();
    }

    boolean awaitRound() throws InterruptedException {
      return round.await(30, TimeUnit.SECONDS);
    }

    synchronized long[] latencies() {
      return Arrays.copyOf(latencies, recorded);
    }
  }

  /** Polls on every signal, as an HTTP writer on an I/O thread would, and takes the bytes. */
  private static final class LatencyConsumer implements WatchCacheConsumer {
    private final Recorder recorder;
    volatile @Nullable CacheWatch<byte[]> watch;
    long bytes;

    LatencyConsumer(Recorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void onEventsAvailable() {
      CacheWatch<byte[]> w = watch;
      if (w == null) {
        return;
      }
      WatchCacheEvent<byte[]> e;
      while ((e = w.poll()) != null) {
        if (e.object() != null) {
          bytes += e.object().serialized().length;
          recorder.delivered(System.nanoTime());
        }
      }
    }

    @Override
    public void onClosed(WatchCloseReason reason) {
      if (reason != WatchCloseReason.CACHE_CLOSED) {
        System.err.println("watcher closed: " + reason);
      }
    }
  }
}
