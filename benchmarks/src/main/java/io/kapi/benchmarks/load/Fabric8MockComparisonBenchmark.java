package io.kapi.benchmarks.load;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kapi.sample.KapiServer;
import io.kapi.sample.StorageBackend;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 4, benchmark 4: the same workload, with the same raw clients, against the sample server on
 * SQLite (durable, HTTPS, bearer token, whole chain) and fabric8's {@code KubernetesMockServer} in
 * CRUD mode (plain HTTP, in memory): ConfigMap creates of about 1 KiB for the duration (creates/s);
 * with 5,000 stored, gets of random ones by name (gets/s, p99); lists of all 5,000 back to back
 * (mean time); 100 WebSocket watchers (the mock serves watches only over WebSocket, so both are
 * watched that way) receiving 50 updates (delivery p99). Creates and gets come from {@code wrk}
 * with 16 threads of one keep-alive HTTP/1.1 connection each, lists from {@code wrk} on one
 * connection, watches from {@code java.net.http}. Goal: ≥ 10× the mock's create and get rates,
 * faster list and watch delivery.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.load.Fabric8MockComparisonBenchmark \
 *     [--duration=10] [--threads=16] [--objects=5000] [--list-duration=5] [--watchers=100] \
 *     [--updates=50] [--mock-logging=false] [--quick]
 * </pre>
 *
 * <p>{@code --quick}: 2 s per timed run, 1,000 objects, 2 s of lists, 20 watchers, 10 updates. Each
 * server first runs the whole workload (500 objects, 10 watchers) on throw-away instances until the
 * JIT has settled ({@link JitWarmUp}); the measured instance starts empty and each of its timed runs
 * follows an untimed warm-up of a third of its length. The mock's per-request INFO log
 * (java.util.logging) is turned off unless {@code --mock-logging=true}.
 */
public final class Fabric8MockComparisonBenchmark {
  private static final Pattern VERSION = Pattern.compile("\"version\":\"([0-9]+)\"");
  private static final Pattern TYPE = Pattern.compile("\"type\":\"([A-Z]+)\"");
  private static final Logger MOCK_LOGGER = Logger.getLogger("io.fabric8.mockwebserver");
  private static final String CREATE = "create-configmaps.lua";
  private static final String RANDOM_GET = "get-random-configmaps.lua";

  private Fabric8MockComparisonBenchmark() {}

  /** One server's numbers. */
  record Numbers(
      double createsPerSecond,
      double createP99,
      double getsPerSecond,
      double getP99,
      double listMillis,
      double listP99,
      Latencies watchDelivery) {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Duration duration = Duration.ofSeconds(options.intValue("duration", 10, 2));
    int threads = options.intValue("threads", 16, 16);
    int objects = options.intValue("objects", 5_000, 1_000);
    int listSeconds = options.intValue("list-duration", 5, 2);
    int watchers = options.intValue("watchers", 100, 20);
    int updates = options.intValue("updates", 50, 10);
    if (!options.string("mock-logging", "false").equals("true")) {
      // the mock logs every request at INFO through java.util.logging; keep that out of its numbers
      MOCK_LOGGER.setLevel(Level.WARNING);
    }

    Workload workload = new Workload(duration, threads, objects, listSeconds, watchers, updates);
    Numbers mock = measure("fabric8 mock", Fabric8MockComparisonBenchmark::startMock, workload);
    Numbers kapi = measure("kapi", Fabric8MockComparisonBenchmark::startKapi, workload);

    System.out.printf(
        Locale.ROOT,
        "%n== Issue 4 / 4: Kapi (SQLite, HTTPS, whole chain) vs fabric8 KubernetesMockServer (CRUD"
            + " mode, HTTP, memory) ==%n(wrk -t%d -c%d keep-alive for creates and gets, %d s runs;"
            + " wrk -t1 -c1 back-to-back lists for %d s; java.net.http WebSockets for watches;"
            + " ConfigMaps of ~1 KiB)%n| workload | Kapi | fabric8 mock | Kapi / mock | goal"
            + " |%n|---|---|---|---|---|%n| creates/s | %.0f (p99 %.1f ms) | %.0f (p99 %.1f ms) |"
            + " %.1fx | >= 10x |%n| gets/s with %d stored | %.0f (p99 %.1f ms) | %.0f (p99 %.1f ms)"
            + " | %.1fx | >= 10x |%n| list all %d, mean (p99) | %.1f ms (%.1f ms) | %.1f ms (%.1f"
            + " ms) | %.1fx faster | faster |%n| watch: %d watchers x %d updates, delivery p99 |"
            + " %.1f ms | %.1f ms | %.1fx faster | faster |%nwatch delivery, Kapi: %s%nwatch"
            + " delivery, mock: %s%n",
        threads,
        threads,
        duration.toSeconds(),
        listSeconds,
        kapi.createsPerSecond(),
        kapi.createP99(),
        mock.createsPerSecond(),
        mock.createP99(),
        kapi.createsPerSecond() / mock.createsPerSecond(),
        objects,
        kapi.getsPerSecond(),
        kapi.getP99(),
        mock.getsPerSecond(),
        mock.getP99(),
        kapi.getsPerSecond() / mock.getsPerSecond(),
        objects,
        kapi.listMillis(),
        kapi.listP99(),
        mock.listMillis(),
        mock.listP99(),
        mock.listMillis() / kapi.listMillis(),
        watchers,
        updates,
        kapi.watchDelivery().percentileMillis(99),
        mock.watchDelivery().percentileMillis(99),
        mock.watchDelivery().percentileMillis(99) / kapi.watchDelivery().percentileMillis(99),
        kapi.watchDelivery().summary(),
        mock.watchDelivery().summary());
  }

  /** A started server and how to stop it. */
  record Running(Endpoint endpoint, AutoCloseable stop) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      stop.close();
    }
  }

  /** Starts a fresh instance of one of the two servers. */
  interface Launcher {
    Running start() throws Exception;
  }

  private static Running startMock() throws Exception {
    KubernetesMockServer mock =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    mock.init(InetAddress.getByName("127.0.0.1"), 0);
    return new Running(Endpoint.plain("http://127.0.0.1:" + mock.getPort()), mock::destroy);
  }

  private static Running startKapi() throws Exception {
    Path dataDir = Files.createTempDirectory("kapi-bench-fabric8");
    KapiServer server = KapiServer.start(dataDir, "127.0.0.1", 0, StorageBackend.SQLITE);
    return new Running(
        Endpoint.kapi(server, HttpClient.Version.HTTP_1_1),
        () -> {
          server.close();
          TempFiles.deleteRecursively(dataDir);
        });
  }

  /**
   * Warms the JIT up with the whole workload on throw-away instances until it has settled (so
   * neither server is measured while its code is still being compiled, and the measured instance
   * starts empty), then measures a fresh instance.
   */
  private static Numbers measure(String label, Launcher launcher, Workload workload)
      throws Exception {
    System.out.println("warming up " + label + " on throw-away instances ...");
    JitWarmUp.untilSettled(
        label,
        () -> {
          try (Running warm = launcher.start()) {
            measureOn(label + " (warm-up)", warm.endpoint(), workload.forWarmUp());
          }
        });
    try (Running measured = launcher.start()) {
      return measureOn(label, measured.endpoint(), workload);
    }
  }

  /** What each server is put through. */
  record Workload(
      Duration duration, int threads, int objects, int listSeconds, int watchers, int updates) {
    /** The same, smaller: for the warm-up rounds on throw-away instances. */
    Workload forWarmUp() {
      return new Workload(
          duration, threads, Math.min(objects, 500), 1, Math.min(watchers, 10), Math.min(updates, 5));
    }
  }

  private static Numbers measureOn(String label, Endpoint server, Workload workload)
      throws Exception {
    Duration duration = workload.duration();
    int threads = workload.threads();
    int objects = workload.objects();
    System.out.println("measuring " + label + " ...");
    for (String namespace : List.of("bench-create", "bench-get", "bench-watch")) {
      server.post("/api/v1/namespaces", ConfigMaps.namespace(namespace));
    }
    String url = server.baseUrl() + "/";
    String token = server.bearerToken() == null ? "-" : server.bearerToken();
    int seconds = (int) duration.toSeconds();
    int warmup = Math.max(1, seconds / 3);

    // creates
    Wrk.script(url, warmup, threads, threads, CREATE, token, "bench-create", "warm")
        .requireClean(label + " warm-up creates");
    Wrk.ScriptResult creates =
        Wrk.script(url, seconds, threads, threads, CREATE, token, "bench-create", "cm")
            .requireClean(label + " creates");

    // gets of random names among `objects`
    ClosedLoop.times(threads, objects, seq -> create(server, "bench-get", "cm-" + seq, seq));
    String count = Integer.toString(objects);
    Wrk.script(url, warmup, threads, threads, RANDOM_GET, token, "bench-get", count)
        .requireClean(label + " warm-up gets");
    Wrk.ScriptResult gets =
        Wrk.script(url, seconds, threads, threads, RANDOM_GET, token, "bench-get", count)
            .requireClean(label + " gets");

    // list all: checked once, then timed back to back on one connection
    list(server, objects);
    Wrk.ScriptResult lists =
        Wrk.script(
                server.baseUrl() + ConfigMaps.collection("bench-get"),
                workload.listSeconds(),
                1,
                1,
                "get.lua",
                token)
            .requireClean(label + " lists");

    Latencies delivery = watch(server, workload.watchers(), workload.updates());
    return new Numbers(
        creates.requestsPerSecond(),
        creates.p99Millis(),
        gets.requestsPerSecond(),
        gets.p99Millis(),
        lists.meanMillis(),
        lists.p99Millis(),
        delivery);
  }

  private static void create(Endpoint server, String namespace, String name, long version)
      throws Exception {
    server.post(ConfigMaps.collection(namespace), ConfigMaps.json(namespace, name, version));
  }

  private static void list(Endpoint server, int expected) throws Exception {
    int items =
        ConfigMaps.parse(server.get(ConfigMaps.collection("bench-get"))).path("items").size();
    if (items != expected) {
      throw new IllegalStateException("list returned " + items + " items, expected " + expected);
    }
  }

  /**
   * Opens {@code watchers} WebSocket watches of one namespace holding one ConfigMap, then updates
   * it {@code updates} times, one after the other (each PUT answered, then 20 ms apart); returns
   * the delay from sending each PUT to each watcher receiving its MODIFIED event.
   */
  private static Latencies watch(Endpoint server, int watchers, int updates) throws Exception {
    String namespace = "bench-watch";
    String name = "watched";
    create(server, namespace, name, 0);
    long[] sent = new long[updates + 1];
    List<long[]> received = new ArrayList<>();
    CountDownLatch all = new CountDownLatch(watchers * updates);
    List<WebSocket> sockets = new ArrayList<>();
    URI uri =
        URI.create(
            server.baseUrl().replaceFirst("^http", "ws")
                + ConfigMaps.collection(namespace)
                + "?watch=true");
    for (int w = 0; w < watchers; w++) {
      long[] arrivals = new long[updates + 1];
      received.add(arrivals);
      WebSocket.Builder builder = server.client().newWebSocketBuilder();
      if (server.bearerToken() != null) {
        builder.header("Authorization", "Bearer " + server.bearerToken());
      }
      sockets.add(
          builder.buildAsync(uri, new EventListener(arrivals, all)).get(30, TimeUnit.SECONDS));
    }
    Thread.sleep(500); // let every watch register before the first update
    for (int version = 1; version <= updates; version++) {
      sent[version] = System.nanoTime();
      server.put(ConfigMaps.item(namespace, name), ConfigMaps.json(namespace, name, version));
      Thread.sleep(20);
    }
    if (!all.await(60, TimeUnit.SECONDS)) {
      System.out.println("  not every watcher received every update within 60 s");
    }
    for (WebSocket socket : sockets) {
      socket.abort();
    }
    Latencies delivery = new Latencies();
    for (long[] arrivals : received) {
      for (int version = 1; version <= updates; version++) {
        if (arrivals[version] != 0) {
          delivery.add(arrivals[version] - sent[version]);
        }
      }
    }
    return delivery;
  }

  /** Notes when each MODIFIED event (by the ConfigMap's data.version) arrives. */
  private static final class EventListener implements WebSocket.Listener {
    private final long[] arrivals;
    private final CountDownLatch all;
    private final StringBuilder message = new StringBuilder();

    EventListener(long[] arrivals, CountDownLatch all) {
      this.arrivals = arrivals;
      this.all = all;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      message.append(data);
      if (last) {
        String event = message.toString();
        message.setLength(0);
        Matcher type = TYPE.matcher(event);
        Matcher version = VERSION.matcher(event);
        if (type.find() && type.group(1).equals("MODIFIED") && version.find()) {
          int v = Integer.parseInt(version.group(1));
          if (v > 0 && v < arrivals.length && arrivals[v] == 0) {
            arrivals[v] = now;
            all.countDown();
          }
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
