package io.kapi.benchmarks.load;

import io.kapi.sample.KapiServer;
import io.kapi.sample.StorageBackend;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.memory.MemoryStorage;
import io.kapi.storage.sqlite.SqliteStorage;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4, benchmark 2, per storage backend (SQLite and memory): a paged LIST of 5,000 ConfigMaps
 * with {@code limit=500} following {@code continue} through the whole chain (time per full walk,
 * p50/p99), and ConfigMap creates per second through the chain with 16 and 64 concurrent clients
 * compared with the storage backend's own create rate, measured in the same run with the same
 * number of threads and the same stored bytes (a fresh storage of the same kind, no server).
 * Target: chain ≥ 70 % of the backend.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.load.ConfigMapListCreateBenchmark \
 *     [--backend=both|sqlite|memory] [--objects=5000] [--limit=500] [--walks=20] \
 *     [--duration=10] [--clients=16,64] [--quick]
 * </pre>
 *
 * <p>The client is {@code java.net.http} over HTTPS/1.1 with keep-alive (one connection per client
 * thread), authenticated with the admin's bearer token. {@code --quick}: 1,000 objects, 3 walks, 2
 * s per create run.
 */
public final class ConfigMapListCreateBenchmark {
  private static final String LIST_NAMESPACE = "bench-list";
  private static final String CREATE_NAMESPACE = "bench-create";

  private ConfigMapListCreateBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    int objects = options.intValue("objects", 5_000, 1_000);
    int limit = options.intValue("limit", 500, 500);
    int walks = options.intValue("walks", 20, 3);
    Duration duration = Duration.ofSeconds(options.intValue("duration", 10, 2));
    List<Integer> clients = new ArrayList<>();
    for (String count : options.string("clients", "16,64").split(",")) {
      clients.add(Integer.parseInt(count.trim()));
    }
    String backends = options.string("backend", "both").toUpperCase(Locale.ROOT);
    List<StorageBackend> selected =
        backends.equals("BOTH")
            ? List.of(StorageBackend.SQLITE, StorageBackend.MEMORY)
            : List.of(StorageBackend.valueOf(backends));
    List<String> report = new ArrayList<>();
    for (StorageBackend backend : selected) {
      report.add(run(backend, objects, limit, walks, duration, clients));
    }
    System.out.println();
    report.forEach(System.out::println);
  }

  private static String run(
      StorageBackend backend,
      int objects,
      int limit,
      int walks,
      Duration duration,
      List<Integer> clients)
      throws Exception {
    String backendName = backend.name().toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    Path dataDir = Files.createTempDirectory("kapi-bench-list");
    try (KapiServer server = KapiServer.start(dataDir, "127.0.0.1", 0, backend)) {
      Endpoint client = Endpoint.kapi(server, HttpClient.Version.HTTP_1_1);
      client.post("/api/v1/namespaces", ConfigMaps.namespace(LIST_NAMESPACE));
      client.post("/api/v1/namespaces", ConfigMaps.namespace(CREATE_NAMESPACE));

      // LIST: fill, one untimed warm-up walk, then the timed walks
      ClosedLoop.times(
          16,
          objects,
          seq ->
              client.post(
                  ConfigMaps.collection(LIST_NAMESPACE),
                  ConfigMaps.json(LIST_NAMESPACE, "cm-" + seq, seq)));
      int pages = walk(client, limit, objects);
      Latencies walkTimes = new Latencies();
      for (int i = 0; i < walks; i++) {
        long begin = System.nanoTime();
        walk(client, limit, objects);
        walkTimes.add(System.nanoTime() - begin);
      }
      out.append(
          String.format(
              Locale.ROOT,
              "== Issue 4 / 2: %s storage ==%n"
                  + "LIST %d ConfigMaps, limit=%d (%d pages) following continue, %d walks: "
                  + "p50 %.1f ms, p99 %.1f ms per full walk%n",
              backendName,
              objects,
              limit,
              pages,
              walks,
              walkTimes.percentileMillis(50),
              walkTimes.percentileMillis(99)));

      // creates: the chain, then the backend alone with the same threads and bytes
      byte[] stored =
          client.post(
              ConfigMaps.collection(CREATE_NAMESPACE),
              ConfigMaps.json(CREATE_NAMESPACE, "warm-up", 0));
      out.append(
          "| clients | chain creates/s | chain p99 | backend creates/s | chain / backend |\n");
      out.append("|---|---|---|---|---|\n");
      long[] round = {0};
      for (int threads : clients) {
        round[0]++;
        String prefix = "r" + round[0] + "-";
        ClosedLoop.run(
            threads, duration.dividedBy(3), seq -> createThroughChain(client, "w" + prefix, seq));
        ClosedLoop.Result chain =
            ClosedLoop.run(threads, duration, seq -> createThroughChain(client, prefix, seq));
        ClosedLoop.Result own = backendCreates(backend, dataDir, threads, duration, stored);
        out.append(
            String.format(
                Locale.ROOT,
                "| %d | %.0f | %.2f ms | %.0f | %.1f %% |%n",
                threads,
                chain.perSecond(),
                chain.latencies().percentileMillis(99),
                own.perSecond(),
                100 * chain.perSecond() / own.perSecond()));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "(target chain / backend >= 70 %%; %d s per run; stored object %d bytes)%n",
              duration.toSeconds(),
              stored.length));
    } finally {
      TempFiles.deleteRecursively(dataDir);
    }
    return out.toString();
  }

  private static void createThroughChain(Endpoint client, String prefix, long sequence)
      throws Exception {
    client.post(
        ConfigMaps.collection(CREATE_NAMESPACE),
        ConfigMaps.json(CREATE_NAMESPACE, "cm-" + prefix + sequence, sequence));
  }

  /** Creates on a fresh storage of the same kind as the server's, with no server in front. */
  private static ClosedLoop.Result backendCreates(
      StorageBackend backend, Path dataDir, int threads, Duration duration, byte[] value)
      throws Exception {
    Path file = dataDir.resolve("backend-only-" + threads + ".db");
    try (Storage storage =
        backend == StorageBackend.SQLITE ? SqliteStorage.open(file) : MemoryStorage.create()) {
      ClosedLoop.run(
          threads,
          duration.dividedBy(3),
          seq -> storage.create("/registry/configmaps/warm-up/cm-" + seq, value));
      return ClosedLoop.run(
          threads,
          duration,
          seq -> storage.create("/registry/configmaps/" + CREATE_NAMESPACE + "/cm-" + seq, value));
    }
  }

  /** Lists every ConfigMap page by page; returns the number of pages. */
  private static int walk(Endpoint client, int limit, int expected) throws Exception {
    String base = ConfigMaps.collection(LIST_NAMESPACE) + "?limit=" + limit;
    String next = "";
    int items = 0;
    int pages = 0;
    do {
      String path =
          next.isEmpty()
              ? base
              : base + "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
      JsonNode page = ConfigMaps.parse(client.get(path));
      items += page.path("items").size();
      pages++;
      next = page.path("metadata").path("continue").asString("");
    } while (!next.isEmpty());
    if (items != expected) {
      throw new IllegalStateException("walk saw " + items + " ConfigMaps, expected " + expected);
    }
    return pages;
  }
}
