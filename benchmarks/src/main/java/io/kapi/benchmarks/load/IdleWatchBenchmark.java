package io.kapi.benchmarks.load;

import io.kapi.sample.KapiServer;
import io.kapi.sample.StorageBackend;
import io.kapi.sample.bootstrap.SecurityFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 4, benchmark 3: 10,000 concurrent idle watches of ConfigMaps through the whole chain, as
 * HTTP/2 streams (a few connections, many streams each), then one update fanned out to all of them.
 *
 * <p>The server runs in this JVM and nothing else does: the watches are opened by a child JVM
 * ({@link IdleWatchClient}, same class path) so that this JVM's heap and threads are the server's.
 * Reported: used heap after full GCs before and after the watches are open, divided by their
 * number; the server JVM's live threads before, with all watches open, and after the fan-out (they
 * must not grow with the number of watches); and, for one update, the delay from sending the PUT to
 * each watch receiving its MODIFIED event (p50/p99/max, measured in the client JVM).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.load.IdleWatchBenchmark \
 *     [--watches=10000] [--connections=10] [--protocol=h2|http1.1] [--backend=sqlite|memory] \
 *     [--quick]
 * </pre>
 *
 * <p>{@code --quick}: 500 watches on 2 connections. {@code --protocol=http1.1} opens one HTTP/1.1
 * connection per watch (chunked), {@code --connections} then does not apply. After the client JVM
 * exits, the number of watches the server still counts as open is printed (it should drop to 0).
 */
public final class IdleWatchBenchmark {
  static final String NAME = "bench-watched";

  private IdleWatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    int watches = options.intValue("watches", 10_000, 500);
    int connections = options.intValue("connections", 10, 2);
    String protocol = options.string("protocol", "h2");
    if (!protocol.equals("h2") && !protocol.equals("http1.1")) {
      throw new IllegalArgumentException("--protocol must be h2 or http1.1, not " + protocol);
    }
    StorageBackend backend =
        StorageBackend.valueOf(options.string("backend", "sqlite").toUpperCase(Locale.ROOT));
    Path dataDir = Files.createTempDirectory("kapi-bench-watch");
    try (KapiServer server = KapiServer.start(dataDir, "127.0.0.1", 0, backend)) {
      Endpoint client = Endpoint.kapi(server, HttpClient.Version.HTTP_1_1);
      byte[] created =
          client.post(ConfigMaps.collection("default"), ConfigMaps.json("default", NAME, 0));
      String resourceVersion = ConfigMaps.resourceVersion(created);
      SecurityFiles files = SecurityFiles.in(dataDir);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process child =
          new ProcessBuilder(
                  java.toString(),
                  "-Xmx1g",
                  "-Djdk.httpclient.maxstreams=" + (watches / connections + 1_000),
                  "-cp",
                  System.getProperty("java.class.path"),
                  IdleWatchClient.class.getName(),
                  "https://127.0.0.1:" + server.port(),
                  files.caCertificate().toString(),
                  files.adminToken().toString(),
                  Integer.toString(watches),
                  Integer.toString(connections),
                  resourceVersion,
                  protocol)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try {
        BufferedReader fromChild =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        expect(fromChild, "CONNECTED");
        long heapBefore = usedHeapAfterGc();
        Map<String, Integer> threadsBefore = threadsByPool();
        send(toChild, "OPEN");
        String ready = expect(fromChild, "READY");
        Thread.sleep(2_000);
        long heapWith = usedHeapAfterGc();
        Map<String, Integer> threadsWith = threadsByPool();
        send(toChild, "GO");
        String result = expect(fromChild, "RESULT");
        Map<String, Integer> threadsAfter = threadsByPool();
        send(toChild, "EXIT");
        System.out.printf(
            Locale.ROOT,
            "%n== Issue 4 / 3: %d idle watches through the chain (%s storage) ==%n"
                + "client: %s%n"
                + "server heap after GC: %.1f MiB before, %.1f MiB with the watches open:"
                + " %.0f bytes per watch%n"
                + "server threads: %d before, %d with the watches open, %d after the fan-out"
                + " (must not grow with watches)%n"
                + "  before: %s%n  open:   %s%n  after:  %s%n"
                + "one update fanned out: %s%n",
            watches,
            backend.name().toLowerCase(Locale.ROOT),
            ready,
            heapBefore / 1048576.0,
            heapWith / 1048576.0,
            (heapWith - heapBefore) / (double) watches,
            total(threadsBefore),
            total(threadsWith),
            total(threadsAfter),
            threadsBefore,
            threadsWith,
            threadsAfter,
            result.substring("RESULT".length()).trim());
        child.waitFor();
        Thread.sleep(2_000);
        long heapGone = usedHeapAfterGc();
        System.out.printf(
            Locale.ROOT,
            "after the client JVM exited: %s long-running requests still counted"
                + " (apiserver_longrunning_requests), server heap after GC %.1f MiB%n",
            longRunningRequests(client),
            heapGone / 1048576.0);
        for (int version = 2; version <= 4; version++) {
          client.put(ConfigMaps.item("default", NAME), ConfigMaps.json("default", NAME, version));
          Thread.sleep(500);
        }
        Thread.sleep(1_500);
        System.out.printf(
            Locale.ROOT,
            "after three more updates (written to the closed connections): %s still counted,"
                + " server heap after GC %.1f MiB%n",
            longRunningRequests(client),
            usedHeapAfterGc() / 1048576.0);
      } finally {
        child.destroy();
      }
    } finally {
      TempFiles.deleteRecursively(dataDir);
    }
  }

  /** The sum of the {@code apiserver_longrunning_requests} gauge from {@code /metrics}. */
  private static String longRunningRequests(Endpoint client) {
    try {
      String metrics = new String(client.get("/metrics"), StandardCharsets.UTF_8);
      double sum = 0;
      for (String line : metrics.split("\n")) {
        if (line.startsWith("apiserver_longrunning_requests{")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return String.format(Locale.ROOT, "%.0f", sum);
    } catch (Exception e) {
      return "? (" + e.getMessage() + ")";
    }
  }

  private static String expect(BufferedReader in, String prefix) throws Exception {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
      System.out.println("client: " + line);
    }
    throw new IllegalStateException("the watch client ended before saying " + prefix);
  }

  private static void send(Writer out, String command) throws Exception {
    out.write(command + "\n");
    out.flush();
  }

  private static int total(Map<String, Integer> threads) {
    return threads.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Live Java threads of this JVM, counted by name with digits removed (pool names), except the
   * benchmark's own set-up client ({@code HttpClient-*}) and child-process reaper.
   */
  private static Map<String, Integer> threadsByPool() {
    Map<String, Integer> pools = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("HttpClient-")
          || thread.getName().startsWith("process reaper")) {
        continue;
      }
      pools.merge(thread.getName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }
    return pools;
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
}
