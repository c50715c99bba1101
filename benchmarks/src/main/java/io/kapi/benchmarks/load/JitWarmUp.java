package io.kapi.benchmarks.load;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Repeats a warm-up workload until the JIT has settled: until the compiler threads spent less than
 * {@value #SETTLED_SHARE_PERCENT} % of a round's wall time compiling (on two cores the server's
 * code keeps compiling for about a minute of load; numbers taken earlier measure the compiler).
 */
final class JitWarmUp {
  static final int SETTLED_SHARE_PERCENT = 10;
  static final int MAX_ROUNDS = 10;

  /** One round of warm-up work. */
  interface Round {
    void run() throws Exception;
  }

  private JitWarmUp() {}

  static void untilSettled(String label, Round round) throws Exception {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    for (int i = 1; i <= MAX_ROUNDS; i++) {
      long compiledBefore = compiler.getTotalCompilationTime();
      long begin = System.nanoTime();
      round.run();
      double wallMillis = (System.nanoTime() - begin) / 1e6;
      long compiling = compiler.getTotalCompilationTime() - compiledBefore;
      System.out.printf(
          Locale.ROOT,
          "  warm-up round %d of %s: %.1f s, JIT compiling %.1f s%n",
          i,
          label,
          wallMillis / 1000,
          compiling / 1000.0);
      if (compiling * 100 < SETTLED_SHARE_PERCENT * wallMillis) {
        return;
      }
    }
    System.out.println("  the JIT had not settled after " + MAX_ROUNDS + " rounds; measuring anyway");
  }
}
