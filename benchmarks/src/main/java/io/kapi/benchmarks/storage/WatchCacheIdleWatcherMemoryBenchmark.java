package io.kapi.benchmarks.storage;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.CacheWatchRequest;
import io.kapi.server.storage.cache.WatchCache;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import io.kapi.server.storage.cache.WatchCloseReason;
import io.kapi.server.storage.memory.MemoryStorage;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Heap retained per idle watcher of the watch cache: used heap after full GCs before and after
 * registering 10,000 watchers (with bookmarks and a filter, no events pending); target ≤ 10 KiB per
 * watcher. The count includes each watcher's (tiny) consumer object.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.storage.WatchCacheIdleWatcherMemoryBenchmark [watchers=10000]
 * </pre>
 */
public final class WatchCacheIdleWatcherMemoryBenchmark {
  private static final String PREFIX = "/registry/example.com/foos/";

  private WatchCacheIdleWatcherMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    try (MemoryStorage storage = MemoryStorage.create()) {
      for (int i = 0; i < 100; i++) {
        storage.create(PREFIX + "default/foo-" + i, WatchCacheListBenchmark.object("foo-" + i));
      }
      WatchCache<byte[]> cache =
          WatchCache.builder(storage, PREFIX, KeyValue::value, (byte[] v) -> v).build();
      Predicate<byte[]> filter = v -> v.length > 10;
      List<CacheWatch<byte[]>> watches = new ArrayList<>(count);
      // one warm-up watcher so that class loading is not counted
      cache.watch(CacheWatchRequest.changesAfter(PREFIX, 0), new IdleConsumer()).close();

      long before = usedHeapAfterGc();
      for (int i = 0; i < count; i++) {
        watches.add(
            cache.watch(
                CacheWatchRequest.<byte[]>changesAfter(PREFIX + "default/", 0)
                    .withBookmarks(true)
                    .withFilter(filter),
                new IdleConsumer()));
      }
      long after = usedHeapAfterGc();

      double perWatcher = (after - before) / (double) count;
      System.out.printf(
          Locale.ROOT,
          "watch cache idle watchers: %d registered (cache reports %d)%n"
              + "  heap %+.1f KiB in total, %.0f bytes per watcher (target <= 10240)%n",
          count,
          cache.watcherCount(),
          (after - before) / 1024.0,
          perWatcher);
      if (watches.size() != count) {
        throw new IllegalStateException("lost watchers");
      }
      cache.close();
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Does nothing: the watchers stay idle. */
  private static final class IdleConsumer implements WatchCacheConsumer {
    @Override
    public void onEventsAvailable() {}

    @Override
    public void onClosed(WatchCloseReason reason) {}
  }
}
