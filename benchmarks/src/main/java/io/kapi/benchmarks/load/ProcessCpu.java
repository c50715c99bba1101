package io.kapi.benchmarks.load;

import java.lang.management.ManagementFactory;

/** CPU time this JVM has used (all threads), to turn a run's rate into CPU per operation. */
final class ProcessCpu {
  private ProcessCpu() {}

  static double seconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }
}
