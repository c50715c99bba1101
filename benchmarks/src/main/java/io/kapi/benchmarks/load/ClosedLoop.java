package io.kapi.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load generator: {@code threads} platform threads each run the operation back to
 * back until the duration has passed; every completed operation's latency is recorded.
 */
final class ClosedLoop {
  /** One operation; {@code sequence} is unique across all threads of a run. */
  interface Operation {
    void run(long sequence) throws Exception;
  }

  /** What a run did. */
  record Result(long operations, double seconds, Latencies latencies) {
    double perSecond() {
      return operations / seconds;
    }
  }

  private ClosedLoop() {}

  static Result run(int threads, Duration duration, Operation operation)
      throws InterruptedException {
    AtomicLong sequence = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Latencies> perThread = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    long[] window = new long[2];
    for (int t = 0; t < threads; t++) {
      Latencies latencies = new Latencies();
      perThread.add(latencies);
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  long deadline = window[1];
                  while (failure.get() == null) {
                    long begin = System.nanoTime();
                    if (begin - deadline >= 0) {
                      break;
                    }
                    operation.run(sequence.getAndIncrement());
                    latencies.add(System.nanoTime() - begin);
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-load-" + t);
      workers.add(worker);
      worker.start();
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + duration.toNanos();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - window[0]) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("load run failed: " + failure.get(), failure.get());
    }
    Latencies all = Latencies.merge(perThread);
    return new Result(all.size(), seconds, all);
  }

  /**
   * Runs the operation exactly {@code count} times (sequences 0 to count - 1) on {@code threads}.
   */
  static void times(int threads, long count, Operation operation) throws InterruptedException {
    AtomicLong sequence = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  for (long seq = sequence.getAndIncrement();
                      seq < count && failure.get() == null;
                      seq = sequence.getAndIncrement()) {
                    operation.run(seq);
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bench-fill-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("fill failed: " + failure.get(), failure.get());
    }
  }
}
