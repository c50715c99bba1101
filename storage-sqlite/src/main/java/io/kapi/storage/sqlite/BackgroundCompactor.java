package io.kapi.storage.sqlite;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts history older than a retention window, like kube-apiserver's periodic etcd compaction.
 *
 * <p>Every interval it samples the current revision; it then compacts to the newest sampled
 * revision that is at least one retention window old. Every write at or below that revision
 * happened before the sample was taken, so nothing younger than the window is compacted. Samples
 * live in memory: after a restart the first compaction happens one window after opening.
 */
final class BackgroundCompactor {
  private static final Logger log = LoggerFactory.getLogger(BackgroundCompactor.class);

  private final long retentionNanos;
  private final LongSupplier currentRevision;
  private final LongSupplier compactedRevision;
  private final LongConsumer compact;
  private final LongSupplier nanoClock;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // {nanoTime, revision}

  BackgroundCompactor(
      Duration retention,
      LongSupplier currentRevision,
      LongSupplier compactedRevision,
      LongConsumer compact,
      LongSupplier nanoClock) {
    this.retentionNanos = retention.toNanos();
    this.currentRevision = currentRevision;
    this.compactedRevision = compactedRevision;
    this.compact = compact;
    this.nanoClock = nanoClock;
    sample();
  }

  /** Starts ticking on a daemon thread; the returned executor stops it. */
  ScheduledExecutorService schedule(Duration interval) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "kapi-sqlite-compactor");
              thread.setDaemon(true);
              return thread;
            });
    long nanos = interval.toNanos();
    scheduler.scheduleWithFixedDelay(this::tickSafely, nanos, nanos, TimeUnit.NANOSECONDS);
    return scheduler;
  }

  /**
   * Records a sample and compacts to the newest sample at least one retention window old.
   *
   * @return the revision compacted to, or 0 if nothing was due
   */
  long tick() {
    long now = sample();
    long due = 0;
    while (!samples.isEmpty() && now - samples.peekFirst()[0] >= retentionNanos) {
      due = samples.pollFirst()[1];
    }
    if (due > compactedRevision.getAsLong()) {
      compact.accept(due);
      return due;
    }
    return 0;
  }

  private void tickSafely() {
    try {
      long revision = tick();
      if (revision > 0) {
        log.debug("compacted history up to revision {}", revision);
      }
    } catch (RuntimeException e) {
      log.warn("background compaction failed", e);
    }
  }

  private long sample() {
    long now = nanoClock.getAsLong();
    samples.addLast(new long[] {now, currentRevision.getAsLong()});
    return now;
  }
}
