package io.kapi.benchmarks.load;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, appended by one thread, merged and summarised at the end. */
final class Latencies {
  private long[] samples = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  int size() {
    return size;
  }

  static Latencies merge(Iterable<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies part : parts) {
      for (int i = 0; i < part.size; i++) {
        all.add(part.samples[i]);
      }
    }
    return all;
  }

  /** The {@code percentile} (0–100) in milliseconds, nearest-rank; NaN without samples. */
  double percentileMillis(double percentile) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }

  /** {@code p50 x ms, p99 y ms, max z ms (n samples)}. */
  String summary() {
    return String.format(
        Locale.ROOT,
        "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)",
        percentileMillis(50),
        percentileMillis(99),
        percentileMillis(100),
        size);
  }
}
