package io.kapi.benchmarks.load;

import io.kapi.sample.KapiServer;
import io.kapi.sample.StorageBackend;
import io.kapi.server.serving.SecureServer;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.memory.MemoryStorage;
import io.kapi.storage.sqlite.SqliteStorage;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4, benchmark 2, per storage backend (SQLite and memory): a paged LIST of 5,000 ConfigMaps
 * with {@code limit=500} following {@code continue} through the whole chain (time per full walk,
 * p50/p99), and ConfigMap creates per second through the chain with 16 and 64 concurrent clients
 * compared with the storage backend's own create rate, measured in the same run with the same
 * number of threads and the same stored bytes (a fresh storage of the same kind, no server), and
 * with bare HTTPS servers on the same listener: one that only reads each request and answers 201,
 * and two that also store the body in a fresh storage of the same kind, one from a worker thread
 * (as the chain), one asynchronously from the I/O thread. Target: chain ≥ 70 % of the backend.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.load.ConfigMapListCreateBenchmark \
 *     [--backend=both|sqlite|memory] [--objects=5000] [--limit=500] [--walks=20] \
 *     [--duration=10] [--clients=16,64] [--quick]
 * </pre>
 *
 * <p>The LIST client is {@code java.net.http} over HTTPS/1.1 with keep-alive; creates come from
 * {@code wrk -t2} with one keep-alive connection per client and a Lua script, so the client's own
 * CPU (it shares the two cores with the server) stays small and is measured. Both authenticate
 * with the admin's bearer token. {@code --quick}: 1,000 objects, 3 walks, 2
 * s per create run.
 */
public final class ConfigMapListCreateBenchmark {
  private static final String LIST_NAMESPACE = "bench-list";
  private static final String CREATE_NAMESPACE = "bench-create";
  private static final String CREATE_SCRIPT = "create-configmaps.lua";

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

      byte[] stored =
          client.post(
              ConfigMaps.collection(CREATE_NAMESPACE),
              ConfigMaps.json(CREATE_NAMESPACE, "warm-up", 0));
      long[] acknowledged = {1}; // the create above
      String token = server.security().adminToken();
      String chainUrl = "https://127.0.0.1:" + server.port() + "/";
      int cores = Runtime.getRuntime().availableProcessors();
      StringBuilder creates = new StringBuilder();
      creates.append(
          "| clients | chain creates/s (p99) | chain CPU/create | backend creates/s | backend"
              + " CPU/create | bare HTTPS 201s/s | bare CPU/request | bare HTTPS + backend"
              + " creates/s (worker / async) | chain / backend | bound / backend | bare + backend"
              + " / backend (worker / async) |\n");
      creates.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
      try (SecureServer bare = bareCreateServer(server, stored);
          Storage bareStorage = openStorage(backend, dataDir.resolve("bare-server.db"));
          SecureServer storing = storingCreateServer(server, bareStorage, stored, false);
          Storage asyncStorage = openStorage(backend, dataDir.resolve("bare-async-server.db"));
          SecureServer storingAsync = storingCreateServer(server, asyncStorage, stored, true)) {
        String bareUrl = "https://127.0.0.1:" + bare.port() + "/";
        String storingUrl = "https://127.0.0.1:" + storing.port() + "/";
        String storingAsyncUrl = "https://127.0.0.1:" + storingAsync.port() + "/";
        long[] warmRound = {0};
        JitWarmUp.untilSettled(
            "creates",
            () -> {
              warmRound[0]++;
              acknowledged[0] +=
                  creates(chainUrl, seconds(duration), 16, token, "w" + warmRound[0]).requests();
              creates(bareUrl, warmup(duration), 16, token, "w");
              creates(storingUrl, warmup(duration), 16, token, "w" + warmRound[0]);
              creates(storingAsyncUrl, warmup(duration), 16, token, "w" + warmRound[0]);
            });

        // LIST: fill, walks until the JIT has settled, then the timed walks
        ClosedLoop.times(
            16,
            objects,
            seq ->
                client.post(
                    ConfigMaps.collection(LIST_NAMESPACE),
                    ConfigMaps.json(LIST_NAMESPACE, "cm-" + seq, seq)));
        int pages = walk(client, limit, objects);
        JitWarmUp.untilSettled(
            "list walks",
            () -> {
              for (int i = 0; i < walks; i++) {
                walk(client, limit, objects);
              }
            });
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

        // creates: the chain (wrk), the bare HTTPS server that only reads the same request and
        // answers 201 with as many bytes, the same plus one storage create per request, and the
        // backend alone (in-process threads)
        long round = 0;
        for (int connections : clients) {
          round++;
          acknowledged[0] +=
              creates(chainUrl, warmup(duration), connections, token, "v" + round).requests();
          double cpu0 = ProcessCpu.seconds();
          Wrk.ScriptResult chain =
              creates(chainUrl, seconds(duration), connections, token, "r" + round);
          double cpu1 = ProcessCpu.seconds();
          Wrk.ScriptResult echo =
              creates(bareUrl, seconds(duration), connections, token, "r" + round);
          double cpu2 = ProcessCpu.seconds();
          Wrk.ScriptResult storingRun =
              creates(storingUrl, seconds(duration), connections, token, "r" + round);
          Wrk.ScriptResult storingAsyncRun =
              creates(storingAsyncUrl, seconds(duration), connections, token, "r" + round);
          acknowledged[0] += chain.requests();
          double chainCpu = (cpu1 - cpu0 + chain.wrkCpuSeconds()) / chain.requests();
          double bareCpu = (cpu2 - cpu1 + echo.wrkCpuSeconds()) / echo.requests();
          double cpuBefore = ProcessCpu.seconds();
          ClosedLoop.Result own = backendCreates(backend, dataDir, connections, duration, stored);
          double ownCpu = (ProcessCpu.seconds() - cpuBefore) / own.operations();
          // whatever else a server does, each create costs at least the storage's work and one
          // HTTPS request/response; with `cores` CPUs that caps the creates per second
          double bound = cores / (ownCpu + bareCpu);
          creates.append(
              String.format(
                  Locale.ROOT,
                  "| %d | %.0f (%.1f ms) | %.0f µs | %.0f | %.0f µs | %.0f | %.0f µs |"
                      + " %.0f / %.0f | %.1f %% | %.1f %% | %.1f %% / %.1f %% |%n",
                  connections,
                  chain.requestsPerSecond(),
                  chain.p99Millis(),
                  chainCpu * 1e6,
                  own.perSecond(),
                  ownCpu * 1e6,
                  echo.requestsPerSecond(),
                  bareCpu * 1e6,
                  storingRun.requestsPerSecond(),
                  storingAsyncRun.requestsPerSecond(),
                  100 * chain.requestsPerSecond() / own.perSecond(),
                  100 * bound / own.perSecond(),
                  100 * storingRun.requestsPerSecond() / own.perSecond(),
                  100 * storingAsyncRun.requestsPerSecond() / own.perSecond()));
        }
      }
      out.append(creates);
      long storedCreates = countConfigMaps(client, CREATE_NAMESPACE);
      if (storedCreates < acknowledged[0]) {
        throw new IllegalStateException(
            storedCreates + " ConfigMaps stored, but " + acknowledged[0] + " creates answered 201");
      }
      out.append(
          String.format(
              Locale.ROOT,
              "(target chain / backend >= 70 %%; %d s per run; wrk -t2 with `clients` connections;"
                  + " stored object %d bytes; %d CPUs; %d ConfigMaps stored in %s at the end;"
                  + " CPU per create includes wrk's; bound = CPUs / (backend CPU + bare CPU))%n",
              duration.toSeconds(),
              stored.length,
              cores,
              storedCreates,
              CREATE_NAMESPACE));
    } finally {
      TempFiles.deleteRecursively(dataDir);
    }
    return out.toString();
  }

  /** {@code wrk -t2} POSTing ConfigMaps to {@link #CREATE_NAMESPACE}; fails unless all got 201. */
  private static Wrk.ScriptResult creates(
      String url, int seconds, int connections, String token, String namePrefix)
      throws Exception {
    return Wrk.script(
            url, seconds, connections, 2, CREATE_SCRIPT, token, CREATE_NAMESPACE, namePrefix)
        .requireClean("creates at " + url + " (" + namePrefix + ")");
  }

  private static int seconds(Duration duration) {
    return (int) Math.max(1, duration.toSeconds());
  }

  private static int warmup(Duration duration) {
    return Math.max(1, seconds(duration) / 3);
  }

  /**
   * A bare HTTPS server with the chain's certificate and listener settings that reads each request
   * body and answers 201 with {@code response}: what any server must at least do per create.
   */
  private static SecureServer bareCreateServer(KapiServer chain, byte[] response) {
    return bodyServer(chain, (exchange, body) -> answer(exchange, null, response));
  }

  /**
   * The bare HTTPS server plus the one thing a server must add per create: it stores each request
   * body in {@code storage} under a new key, then answers 201 with {@code response}. No decoding,
   * validation or cache. Not {@code async}: a worker thread calls {@link Storage#create}, as the
   * chain's handlers do. {@code async}: the I/O thread that read the request calls {@link
   * Storage#createAsync} and the backend's completion hands the 201 back to that I/O thread, the
   * fewest thread switches a create can take with this backend.
   */
  private static SecureServer storingCreateServer(
      KapiServer chain, Storage storage, byte[] response, boolean async) {
    AtomicLong next = new AtomicLong();
    return bodyServer(
        chain,
        (exchange, body) -> {
          if (!async) {
            exchange.dispatch(
                () -> {
                  storage.create(bareKey(next), body);
                  answer(exchange, null, response);
                });
            return;
          }
          exchange.dispatch(
              SameThreadExecutor.INSTANCE,
              () ->
                  storage
                      .createAsync(bareKey(next), body)
                      .whenComplete(
                          (kv, error) ->
                              exchange
                                  .getIoThread()
                                  .execute(() -> answer(exchange, error, response))));
        });
  }

  /** An HTTPS server like the chain's that hands each request's whole body to {@code onBody}. */
  private static SecureServer bodyServer(
      KapiServer chain, BiConsumer<HttpServerExchange, byte[]> onBody) {
    return SecureServer.start(
        exchange -> exchange.getRequestReceiver().receiveFullBytes(onBody::accept),
        chain.security().sslContext(),
        "127.0.0.1",
        0);
  }

  private static String bareKey(AtomicLong next) {
    return "/registry/configmaps/" + CREATE_NAMESPACE + "/bare-" + next.incrementAndGet();
  }

  private static void answer(
      HttpServerExchange exchange, @Nullable Throwable error, byte[] response) {
    exchange.setStatusCode(error == null ? 201 : 500);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseSender().send(ByteBuffer.wrap(response));
  }

  private static Storage openStorage(StorageBackend backend, Path file) {
    return backend == StorageBackend.SQLITE ? SqliteStorage.open(file) : MemoryStorage.create();
  }

  private static long countConfigMaps(Endpoint client, String namespace) throws Exception {
    return ConfigMaps.parse(client.get(ConfigMaps.collection(namespace) + "?limit=1"))
            .path("metadata")
            .path("remainingItemCount")
            .asLong()
        + 1;
  }

  /** Creates on a fresh storage of the same kind as the server's, with no server in front. */
  private static ClosedLoop.Result backendCreates(
      StorageBackend backend, Path dataDir, int threads, Duration duration, byte[] value)
      throws Exception {
    Path file = dataDir.resolve("backend-only-" + threads + ".db");
    try (Storage storage = openStorage(backend, file)) {
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
