package io.kapi.sample;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The sample server started in-process on 127.0.0.1 and a free port, with a client that trusts its CA. */
final class StartedServer implements AutoCloseable {
  final KapiServer running;
  final Path dataDir;
  final String token;
  final HttpClient client;

  StartedServer(Path dataDir, int verbosity) throws Exception {
    this.dataDir = dataDir;
    Verbosity.apply(verbosity);
    this.running = KapiServer.start(dataDir, "127.0.0.1", 0);
    this.token = Files.readString(dataDir.resolve("admin.token"), StandardCharsets.US_ASCII).trim();
    this.client =
        HttpClient.newBuilder()
            .sslContext(trusting(dataDir.resolve("ca.crt")))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  static SSLContext trusting(Path caFile) throws Exception {
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(caFile)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  URI uri(String pathAndQuery) {
    return URI.create("https://127.0.0.1:" + running.port() + pathAndQuery);
  }

  /** GET as the admin (bearer token). */
  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GET without credentials. */
  HttpResponse<String> getAnonymously(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    running.close();
  }
}
