package io.kapi.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code wrk} (Debian package) against one URL and reads requests/s and p99 from its output.
 */
final class Wrk {
  private static final Pattern REQUESTS_PER_SEC = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

  /** One run's result; {@code p99} as wrk prints it. */
  record Result(double requestsPerSecond, String p99) {}

  private Wrk() {}

  static Result run(
      String url, @Nullable String bearerToken, int seconds, int connections, int threads)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("wrk");
    command.add("-t" + threads);
    command.add("-c" + connections);
    command.add("-d" + seconds + "s");
    command.add("--latency");
    if (bearerToken != null) {
      command.add("-H");
      command.add("Authorization: Bearer " + bearerToken);
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (wrk.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    if (out.contains("Non-2xx") || out.contains("Socket errors")) {
      System.out.println("wrk reported errors:\n" + out);
    }
    Matcher rps = REQUESTS_PER_SEC.matcher(out);
    Matcher p99 = P99.matcher(out);
    if (!rps.find()) {
      throw new IllegalStateException("unexpected wrk output: " + out);
    }
    return new Result(
        Double.parseDouble(rps.group(1)), p99.find() ? p99.group(1) + p99.group(2) : "?");
  }
}
