package io.kapi.benchmarks.load;

import io.kapi.sample.KapiServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A server under test as the benchmarks' raw HTTP client sees it: base URL, the bearer token to
 * send (if any) and a {@code java.net.http} client (keep-alive; HTTPS trusting the server's CA).
 */
record Endpoint(String baseUrl, @Nullable String bearerToken, HttpClient client) {
  /** The sample server as its admin, over HTTPS with the given HTTP version. */
  static Endpoint kapi(KapiServer server, HttpClient.Version version) {
    return new Endpoint(
        "https://127.0.0.1:" + server.port(),
        server.security().adminToken(),
        HttpClient.newBuilder()
            .version(version)
            .sslContext(trusting(server.security().caCertificate()))
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  /** A plain-HTTP server that needs no credentials. */
  static Endpoint plain(String baseUrl) {
    return new Endpoint(
        baseUrl,
        null,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  static SSLContext trusting(X509Certificate ca) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store for the server's CA", e);
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (bearerToken != null) {
      builder.header("Authorization", "Bearer " + bearerToken);
    }
    return builder;
  }

  /** Sends the request and returns the body, failing unless the status is {@code expected}. */
  byte[] send(HttpRequest request, int expected) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri()
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }

  byte[] get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build(), 200);
  }

  byte[] post(String path, byte[] json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build(),
        201);
  }

  byte[] put(String path, byte[] json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(json))
            .build(),
        200);
  }
}
