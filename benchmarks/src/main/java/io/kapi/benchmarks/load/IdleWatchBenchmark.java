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
 * HTTP/2 streams (a few connections, many streams each), then one update fanned out to all of
 * them.
 *
 * <p>The server runs in this JVM and nothing else does: the watches are opened by a child JVM
 * ({@link IdleWatchClient}, same class path) so that this JVM's heap and threads are the server's.
 * Reported: used heap after full GCs before and after the watches are open, divided by their
 * number; the server JVM's live threads before, with all watches open, and after the fan-out
 * (they must not grow with the number of watches); and, for one update, the delay from sending
 * the PUT to each watch receiving its MODIFIED event (p50/p99/max, measured in the client JVM).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.load.IdleWatchBenchmark \
 *     [--watches=10000] [--connections=10] [--backend=sqlite|memory] [--quick]
 * </pre>
 *
 * <p>{@code --quick}: 500 watches on 2 connections.
 */
public final class IdleWatchBenchmark {
  static final String NAME = "bench-watched";

  private IdleWatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    int watches = options.intValue("watches", 10_000, 500);
    int connections = options.intValue("connections", 10, 2);
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
                  resourceVersion)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try {
        BufferedReader fromChild =
            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
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
            "%n== Issue 4 / 3: %d idle watches through the chain (HTTP/2, %d connections, %s"
                + " storage) ==%n"
                + "client: %s%n"
                + "server heap after GC: %.1f MiB before, %.1f MiB with the watches open:"
                + " %.0f bytes per watch%n"
                + "server threads: %d before, %d with the watches open, %d after the fan-out"
                + " (must not grow with watches)%n"
                + "  before: %s%n  open:   %s%n  after:  %s%n"
                + "one update fanned out: %s%n",
            watches,
            connections,
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
      } finally {
        child.destroy();
      }
    } finally {
      TempFiles.deleteRecursively(dataDir);
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
