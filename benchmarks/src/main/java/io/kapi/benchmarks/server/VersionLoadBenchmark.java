package io.kapi.benchmarks.server;

import io.kapi.benchmarks.load.Wrk;
import io.kapi.sample.KapiServer;
import io.kapi.server.serving.SecureServer;
import io.undertow.util.Headers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Load benchmark: {@code GET /version} through the whole chain (aggregator → kube-apiserver, all
 * filters, HTTPS) against a bare Undertow handler that returns the same bytes on the same kind of
 * HTTPS listener, in one run, with {@code wrk} (Debian package) as the client.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.kapi.benchmarks.server.VersionLoadBenchmark [seconds] [connections] [wrkThreads]}. Each server
 * gets a warm-up of a third of the duration, then the measured run; the order alternates
 * (bare, chain, chain, bare) and the two runs per server are averaged.
 */
public final class VersionLoadBenchmark {

  private VersionLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path dataDir = Files.createTempDirectory("kapi-bench");
    try (KapiServer chain = KapiServer.start(dataDir, "127.0.0.1", 0)) {
      byte[] versionBytes = fetch(chain, "/version");
      SSLContext ssl = chain.security().sslContext();
      try (SecureServer bare =
          SecureServer.start(
              exchange -> {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                exchange.getResponseSender().send(ByteBuffer.wrap(versionBytes));
              },
              ssl,
              "127.0.0.1",
              0)) {
        String chainUrl = "https://127.0.0.1:" + chain.port() + "/version";
        String bareUrl = "https://127.0.0.1:" + bare.port() + "/version";
        int warmup = Math.max(2, seconds / 3);
        Wrk.run(bareUrl, null, warmup, connections, threads);
        Wrk.run(chainUrl, null, warmup, connections, threads);
        Wrk.BareVsChain runs =
            Wrk.bareVsChain(bareUrl, chainUrl, null, seconds, connections, threads);
        double bareRps = runs.bareMean();
        double chainRps = runs.chainMean();
        System.out.printf(
            Locale.ROOT,
            "%n| server | requests/s (mean of 2 runs) | p99 latency (runs) |%n|---|---|---|%n"
                + "| bare Undertow, HTTPS | %.0f | %s |%n| whole chain, HTTPS | %.0f | %s |%n"
                + "%nchain / bare = %.1f %%  (wrk -t%d -c%d -d%ds, response %d bytes)%n",
            bareRps, Wrk.BareVsChain.p99s(runs.bare()), chainRps,
            Wrk.BareVsChain.p99s(runs.chain()), 100 * chainRps / bareRps,
            threads, connections, seconds, versionBytes.length);
      }
    }
  }

  private static byte[] fetch(KapiServer server, String path) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", server.security().caCertificate());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(context).build();
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return response.body();
  }

}
