package io.kapi.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code wrk} (Debian package) against one URL and reads requests/s and p99 from its output;
 * or runs one of this package's Lua scripts (POSTs, random GETs) and reads its result line, with
 * the CPU time wrk itself used.
 */
public final class Wrk {
  private static final Pattern REQUESTS_PER_SEC = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
  private static final Pattern SCRIPT_RESULT =
      Pattern.compile(
          "KAPI-RESULT requests=(\\d+) status_errors=(\\d+) socket_errors=(\\d+)"
              + " mean_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+)");
  // bash's `times` after wrk: the second line is the children's user and system time
  private static final Pattern CHILD_TIMES =
      Pattern.compile("(?m)^\\d+m[0-9.]+s \\d+m[0-9.]+s\\n(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

  /**
   * One scripted run: completed requests, responses with status ≥ 400, socket errors, latency
   * (milliseconds) and the CPU seconds wrk used.
   */
  record ScriptResult(
      double requestsPerSecond,
      long requests,
      long statusErrors,
      long socketErrors,
      double meanMillis,
      double p50Millis,
      double p99Millis,
      double wrkCpuSeconds) {
    /** Fails unless every response was a success and no socket failed. */
    ScriptResult requireClean(String what) {
      if (statusErrors != 0 || socketErrors != 0 || requests == 0) {
        throw new IllegalStateException(
            what + ": " + requests + " requests, " + statusErrors + " error statuses, "
                + socketErrors + " socket errors");
      }
      return this;
    }
  }

  /** One run's result; {@code p99} as wrk prints it. */
  public record Result(double requestsPerSecond, String p99) {}

  /** Two runs each of a bare server and the chain, taken bare, chain, chain, bare. */
  public record BareVsChain(List<Result> bare, List<Result> chain) {
    public double bareMean() {
      return mean(bare);
    }

    public double chainMean() {
      return mean(chain);
    }

    /** The p99 latencies of {@code runs}, comma-separated, as wrk printed them. */
    public static String p99s(List<Result> runs) {
      return String.join(", ", runs.stream().map(Result::p99).toList());
    }

    private static double mean(List<Result> runs) {
      return runs.stream().mapToDouble(Result::requestsPerSecond).average().orElse(0);
    }
  }

  /**
   * Measures {@code bareUrl} and {@code chainUrl} alternately (bare, chain, chain, bare), so that a
   * drift of the machine during the runs weighs on both alike.
   */
  public static BareVsChain bareVsChain(
      String bareUrl,
      String chainUrl,
      @Nullable String bearerToken,
      int seconds,
      int connections,
      int threads)
      throws IOException, InterruptedException {
    List<Result> bare = new ArrayList<>();
    List<Result> chain = new ArrayList<>();
    bare.add(run(bareUrl, bearerToken, seconds, connections, threads));
    chain.add(run(chainUrl, bearerToken, seconds, connections, threads));
    chain.add(run(chainUrl, bearerToken, seconds, connections, threads));
    bare.add(run(bareUrl, bearerToken, seconds, connections, threads));
    return new BareVsChain(List.copyOf(bare), List.copyOf(chain));
  }

  private Wrk() {}

  /**
   * Runs {@code script} (a Lua resource of this package, after {@code report.lua}) with wrk's
   * arguments {@code scriptArgs}; the first script argument is the bearer token or {@code "-"}.
   */
  static ScriptResult script(
      String url, int seconds, int connections, int threads, String script, String... scriptArgs)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("kapi-wrk-", ".lua");
    try {
      Files.writeString(file, resource("report.lua") + "\n" + resource(script));
      List<String> command = new ArrayList<>();
      command.add("bash");
      command.add("-c");
      command.add("wrk \"$@\" && times");
      command.add("wrk");
      command.add("-t" + threads);
      command.add("-c" + connections);
      command.add("-d" + seconds + "s");
      command.add("-s");
      command.add(file.toString());
      command.add(url);
      command.add("--");
      command.addAll(List.of(scriptArgs));
      Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (wrk.waitFor() != 0) {
        throw new IllegalStateException("wrk failed: " + out);
      }
      Matcher rps = REQUESTS_PER_SEC.matcher(out);
      Matcher result = SCRIPT_RESULT.matcher(out);
      Matcher times = CHILD_TIMES.matcher(out);
      if (!rps.find() || !result.find() || !times.find()) {
        throw new IllegalStateException("unexpected wrk output: " + out);
      }
      double cpu =
          Integer.parseInt(times.group(1)) * 60
              + Double.parseDouble(times.group(2))
              + Integer.parseInt(times.group(3)) * 60
              + Double.parseDouble(times.group(4));
      return new ScriptResult(
          Double.parseDouble(rps.group(1)),
          Long.parseLong(result.group(1)),
          Long.parseLong(result.group(2)),
          Long.parseLong(result.group(3)),
          Long.parseLong(result.group(4)) / 1000.0,
          Long.parseLong(result.group(5)) / 1000.0,
          Long.parseLong(result.group(6)) / 1000.0,
          cpu);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Wrk.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no wrk script " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public static Result run(
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
