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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 4, benchmark 4: the same workload, with the same raw client ({@code java.net.http},
 * HTTP/1.1 keep-alive, 16 threads), against the sample server on SQLite (durable, HTTPS, bearer
 * token, whole chain) and fabric8's {@code KubernetesMockServer} in CRUD mode (plain HTTP, in
 * memory): ConfigMap creates of about 1 KiB for the duration (creates/s); with 5,000 stored, gets
 * of random ones by name (gets/s, p99); a list of all 5,000 (time); 100 WebSocket watchers (the
 * mock serves watches only over WebSocket, so both are watched that way) receiving 50 updates
 * (delivery p99). Goal: ≥ 10× the mock's create and get rates, faster list and watch delivery.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.load.Fabric8MockComparisonBenchmark \
 *     [--duration=10] [--threads=16] [--objects=5000] [--lists=5] [--watchers=100] \
 *     [--updates=50] [--mock-logging=false] [--quick]
 * </pre>
 *
 * <p>{@code --quick}: 2 s per timed run, 1,000 objects, 2 lists, 20 watchers, 10 updates. Each
 * timed run follows an untimed warm-up of a third of its length. The mock's per-request INFO log
 * (java.util.logging) is turned off unless {@code --mock-logging=true}.
 */
public final class Fabric8MockComparisonBenchmark {
  private static final Pattern VERSION = Pattern.compile("\"version\":\"([0-9]+)\"");
  private static final Pattern TYPE = Pattern.compile("\"type\":\"([A-Z]+)\"");
  private static final Logger MOCK_LOGGER = Logger.getLogger("io.fabric8.mockwebserver");

  private Fabric8MockComparisonBenchmark() {}

  /** One server's numbers. */
  record Numbers(
      double createsPerSecond,
      double createP99,
      double getsPerSecond,
      double getP99,
      double listMillis,
      Latencies watchDelivery) {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Duration duration = Duration.ofSeconds(options.intValue("duration", 10, 2));
    int threads = options.intValue("threads", 16, 16);
    int objects = options.intValue("objects", 5_000, 1_000);
    int lists = options.intValue("lists", 5, 2);
    int watchers = options.intValue("watchers", 100, 20);
    int updates = options.intValue("updates", 50, 10);
    if (!options.string("mock-logging", "false").equals("true")) {
      // the mock logs every request at INFO through java.util.logging; keep that out of its numbers
      MOCK_LOGGER.setLevel(Level.WARNING);
    }

    Numbers mock;
    KubernetesMockServer mockServer =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    mockServer.init(InetAddress.getByName("127.0.0.1"), 0);
    try {
      Endpoint endpoint = Endpoint.plain("http://127.0.0.1:" + mockServer.getPort());
      mock =
          measure("fabric8 mock", endpoint, duration, threads, objects, lists, watchers, updates);
    } finally {
      mockServer.destroy();
    }

    Numbers kapi;
    Path dataDir = Files.createTempDirectory("kapi-bench-fabric8");
    try (KapiServer server = KapiServer.start(dataDir, "127.0.0.1", 0, StorageBackend.SQLITE)) {
      Endpoint endpoint = Endpoint.kapi(server, HttpClient.Version.HTTP_1_1);
      kapi = measure("kapi", endpoint, duration, threads, objects, lists, watchers, updates);
    } finally {
      TempFiles.deleteRecursively(dataDir);
    }

    System.out.printf(
        Locale.ROOT,
        "%n== Issue 4 / 4: Kapi (SQLite, HTTPS, whole chain) vs fabric8 KubernetesMockServer (CRUD"
            + " mode, HTTP, memory) ==%n(java.net.http, HTTP/1.1 keep-alive, %d threads, %d s runs,"
            + " ConfigMaps of ~1 KiB)%n| workload | Kapi | fabric8 mock | Kapi / mock | goal"
            + " |%n|---|---|---|---|---|%n| creates/s | %.0f (p99 %.1f ms) | %.0f (p99 %.1f ms) |"
            + " %.1fx | >= 10x |%n| gets/s with %d stored | %.0f (p99 %.1f ms) | %.0f (p99 %.1f ms)"
            + " | %.1fx | >= 10x |%n| list all %d (median of %d) | %.1f ms | %.1f ms | %.1fx faster"
            + " | faster |%n| watch: %d watchers x %d updates, delivery p99 | %.1f ms | %.1f ms |"
            + " %.1fx faster | faster |%nwatch delivery, Kapi: %s%nwatch delivery, mock: %s%n",
        threads,
        duration.toSeconds(),
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
        lists,
        kapi.listMillis(),
        mock.listMillis(),
        mock.listMillis() / kapi.listMillis(),
        watchers,
        updates,
        kapi.watchDelivery().percentileMillis(99),
        mock.watchDelivery().percentileMillis(99),
        mock.watchDelivery().percentileMillis(99) / kapi.watchDelivery().percentileMillis(99),
        kapi.watchDelivery().summary(),
        mock.watchDelivery().summary());
  }

  private static Numbers measure(
      String label,
      Endpoint server,
      Duration duration,
      int threads,
      int objects,
      int lists,
      int watchers,
      int updates)
      throws Exception {
    System.out.println("measuring " + label + " ...");
    for (String namespace : List.of("bench-create", "bench-get", "bench-watch")) {
      server.post("/api/v1/namespaces", ConfigMaps.namespace(namespace));
    }

    // creates
    ClosedLoop.run(
        threads, duration.dividedBy(3), seq -> create(server, "bench-create", "warm-" + seq, seq));
    ClosedLoop.Result creates =
        ClosedLoop.run(threads, duration, seq -> create(server, "bench-create", "cm-" + seq, seq));

    // gets of random names among `objects`
    ClosedLoop.times(threads, objects, seq -> create(server, "bench-get", "cm-" + seq, seq));
    ClosedLoop.Operation randomGet =
        seq ->
            server.get(
                ConfigMaps.item("bench-get", "cm-" + ThreadLocalRandom.current().nextInt(objects)));
    ClosedLoop.run(threads, duration.dividedBy(3), randomGet);
    ClosedLoop.Result gets = ClosedLoop.run(threads, duration, randomGet);

    // list all
    list(server, objects);
    Latencies listTimes = new Latencies();
    for (int i = 0; i < lists; i++) {
      long begin = System.nanoTime();
      list(server, objects);
      listTimes.add(System.nanoTime() - begin);
    }

    Latencies delivery = watch(server, watchers, updates);
    return new Numbers(
        creates.perSecond(),
        creates.latencies().percentileMillis(99),
        gets.perSecond(),
        gets.latencies().percentileMillis(99),
        listTimes.percentileMillis(50),
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
