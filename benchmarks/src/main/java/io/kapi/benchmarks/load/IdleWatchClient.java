package io.kapi.benchmarks.load;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The client side of {@link IdleWatchBenchmark}, run in its own JVM: opens the watches as HTTP/2
 * streams spread over a few connections, then on command sends one update and measures when each
 * watch receives it. Talks to the benchmark over stdin/stdout (CONNECTED, OPEN, READY, GO, RESULT,
 * EXIT).
 *
 * <p>Arguments: base URL, CA certificate file, admin token file, watches, connections, the
 * resourceVersion to watch from, and optionally {@code http1.1} (one connection per watch) instead
 * of HTTP/2.
 */
final class IdleWatchClient {
  private static final int BATCH = 500;

  private static volatile long goNanos;

  private IdleWatchClient() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String token = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).trim();
    int watches = Integer.parseInt(args[3]);
    int connections = Integer.parseInt(args[4]);
    String resourceVersion = args[5];
    HttpClient.Version version =
        args.length > 6 && args[6].equals("http1.1")
            ? HttpClient.Version.HTTP_1_1
            : HttpClient.Version.HTTP_2;
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    SSLContext ssl = Endpoint.trusting(ca);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "watch-client");
              thread.setDaemon(true);
              return thread;
            });
    List<HttpClient> clients = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(version)
              .sslContext(ssl)
              .executor(executor)
              .connectTimeout(Duration.ofSeconds(30))
              .build();
      HttpResponse<String> probe =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/version")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (probe.version() != version) {
        throw new IllegalStateException("the server answered with " + probe.version());
      }
      clients.add(client);
    }
    say("CONNECTED");
    expect(commands, "OPEN");

    String selector =
        URLEncoder.encode("metadata.name=" + IdleWatchBenchmark.NAME, StandardCharsets.UTF_8);
    URI watchUri =
        URI.create(
            base
                + ConfigMaps.collection("default")
                + "?watch=true&timeoutSeconds=3600&fieldSelector="
                + selector
                + "&resourceVersion="
                + resourceVersion);
    long[] deliveries = new long[watches];
    CountDownLatch delivered = new CountDownLatch(watches);
    AtomicInteger failures = new AtomicInteger();
    long openBegin = System.nanoTime();
    for (int from = 0; from < watches; from += BATCH) {
      int to = Math.min(watches, from + BATCH);
      CountDownLatch established = new CountDownLatch(to - from);
      for (int i = from; i < to; i++) {
        int index = i;
        HttpRequest request =
            HttpRequest.newBuilder(watchUri).header("Authorization", "Bearer " + token).build();
        clients
            .get(i % connections)
            .sendAsync(request, HttpResponse.BodyHandlers.ofPublisher())
            .whenComplete(
                (response, error) -> {
                  if (error != null || response.statusCode() != 200) {
                    if (failures.getAndIncrement() < 5) {
                      System.err.println(
                          "watch "
                              + index
                              + " failed: "
                              + (error != null ? error : "status " + response.statusCode()));
                    }
                  } else {
                    response.body().subscribe(new EventSubscriber(index, deliveries, delivered));
                  }
                  established.countDown();
                });
      }
      if (!established.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "watches " + from + ".." + to + " not established in 120 s");
      }
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " watches failed to open");
    }
    say(
        String.format(
            Locale.ROOT,
            "READY %d watches open in %.1f s (%s)",
            watches,
            (System.nanoTime() - openBegin) / 1e9,
            version == HttpClient.Version.HTTP_2
                ? "HTTP/2 streams on " + connections + " connections"
                : "HTTP/1.1, one connection each"));
    expect(commands, "GO");

    HttpRequest update =
        HttpRequest.newBuilder(
                URI.create(base + ConfigMaps.item("default", IdleWatchBenchmark.NAME)))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(
                HttpRequest.BodyPublishers.ofByteArray(
                    ConfigMaps.json("default", IdleWatchBenchmark.NAME, 1)))
            .build();
    goNanos = System.nanoTime();
    HttpResponse<String> answer = clients.get(0).send(update, HttpResponse.BodyHandlers.ofString());
    long answered = System.nanoTime() - goNanos;
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "update answered " + answer.statusCode() + ": " + answer.body());
    }
    boolean all = delivered.await(120, TimeUnit.SECONDS);
    Latencies latencies = new Latencies();
    for (long delay : deliveries) {
      if (delay > 0) {
        latencies.add(delay);
      }
    }
    say(
        String.format(
            Locale.ROOT,
            "RESULT %d of %d watches received the update%s; PUT answered in %.1f ms;"
                + " delivery after the PUT was sent: %s",
            latencies.size(),
            watches,
            all ? "" : " (gave up after 120 s)",
            answered / 1e6,
            latencies.summary()));
    expect(commands, "EXIT");
    System.exit(0);
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void expect(BufferedReader commands, String command) throws Exception {
    String line = commands.readLine();
    if (!command.equals(line)) {
      throw new IllegalStateException("expected " + command + ", got " + line);
    }
  }

  /** Records when its watch first carries a MODIFIED event after the update was sent. */
  private static final class EventSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    private final int index;
    private final long[] deliveries;
    private final CountDownLatch delivered;
    private final StringBuilder text = new StringBuilder();
    private boolean done;

    EventSubscriber(int index, long[] deliveries, CountDownLatch delivered) {
      this.index = index;
      this.deliveries = deliveries;
      this.delivered = delivered;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      long now = System.nanoTime();
      if (done) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        text.append(StandardCharsets.UTF_8.decode(buffer));
      }
      if (text.indexOf("\"MODIFIED\"") >= 0) {
        done = true;
        deliveries[index] = Math.max(1, now - goNanos);
        delivered.countDown();
      }
    }

    @Override
    public void onError(Throwable error) {
      if (!done) {
        System.err.println("watch " + index + " ended: " + error);
      }
    }

    @Override
    public void onComplete() {
      if (!done) {
        System.err.println("watch " + index + " ended before the update");
      }
    }
  }
}
