package io.kapi.benchmarks.load;

import io.kapi.sample.KapiServer;
import io.kapi.sample.StorageBackend;
import io.kapi.server.serving.SecureServer;
import io.undertow.util.Headers;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Issue 4, benchmark 1: {@code GET /api/v1/namespaces/default/configmaps/<name>} through the whole
 * chain (all filters, authentication by bearer token, director, registry) against a bare Undertow
 * handler that sends the exact same JSON bytes on the same kind of HTTPS listener ({@link
 * SecureServer}, same certificate), in one JVM, with {@code wrk} (HTTP/1.1 keep-alive) as the
 * client. Target: chain ≥ 50 % of bare.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.kapi.benchmarks.load.ConfigMapGetLoadBenchmark \
 *     [--duration=15] [--connections=64] [--threads=2] [--backend=sqlite|memory] [--quick]
 * </pre>
 *
 * <p>Both servers are warmed up by rounds of a third of the duration each until the JIT has settled
 * ({@link JitWarmUp}); the measured runs alternate bare, chain, chain, bare and each server's two runs are averaged. {@code --quick} runs 2 s each.
 */
public final class ConfigMapGetLoadBenchmark {
  private static final String NAME = "bench-get";

  private ConfigMapGetLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    int seconds = options.intValue("duration", 15, 2);
    int connections = options.intValue("connections", 64, 64);
    int threads = options.intValue("threads", 2, 2);
    StorageBackend backend =
        StorageBackend.valueOf(options.string("backend", "sqlite").toUpperCase(Locale.ROOT));
    Path dataDir = Files.createTempDirectory("kapi-bench-get");
    try (KapiServer chain = KapiServer.start(dataDir, "127.0.0.1", 0, backend)) {
      Endpoint client = Endpoint.kapi(chain, HttpClient.Version.HTTP_1_1);
      client.post(ConfigMaps.collection("default"), ConfigMaps.json("default", NAME, 1));
      String path = ConfigMaps.item("default", NAME);
      byte[] body = client.get(path);
      try (SecureServer bare =
          SecureServer.start(
              exchange -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                exchange.getResponseSender().send(ByteBuffer.wrap(body));
              },
              chain.security().sslContext(),
              "127.0.0.1",
              0)) {
        String token = chain.security().adminToken();
        String chainUrl = "https://127.0.0.1:" + chain.port() + path;
        String bareUrl = "https://127.0.0.1:" + bare.port() + path;
        int warmup = Math.max(1, seconds / 3);
        JitWarmUp.untilSettled(
            "GET",
            () -> {
              Wrk.run(bareUrl, token, warmup, connections, threads);
              Wrk.run(chainUrl, token, warmup, connections, threads);
            });
        Wrk.BareVsChain runs =
            Wrk.bareVsChain(bareUrl, chainUrl, token, seconds, connections, threads);
        double bareRps = runs.bareMean();
        double chainRps = runs.chainMean();
        System.out.printf(
            Locale.ROOT,
            "%n== Issue 4 / 1: GET %s, whole chain vs bare Undertow (%s storage) ==%n"
                + "| server | requests/s (mean of 2 runs) | p99 latency (runs) |%n|---|---|---|%n"
                + "| bare Undertow, HTTPS | %.0f | %s |%n| whole chain, HTTPS | %.0f | %s |%n"
                + "chain / bare = %.1f %% (target >= 50 %%)  "
                + "(wrk -t%d -c%d -d%ds, keep-alive, response %d bytes)%n",
            path,
            backend.name().toLowerCase(Locale.ROOT),
            bareRps,
            Wrk.BareVsChain.p99s(runs.bare()),
            chainRps,
            Wrk.BareVsChain.p99s(runs.chain()),
            100 * chainRps / bareRps,
            threads,
            connections,
            seconds,
            body.length);
      }
    } finally {
      TempFiles.deleteRecursively(dataDir);
    }
  }
}
