package io.kapi.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.endpoints.ApiInstaller;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.storage.memory.MemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches over a real {@link SecureServer} (HTTPS, HTTP/2) whose client goes away are released
 * at once, with no event written to the watched resource: the long-running gauge drops to zero.
 */
class WatchReleaseTest {
  private static final String WATCH =
      "/apis/example.com/v1/namespaces/default/widgets?watch=true&timeoutSeconds=600";
  private static final String RUNNING =
      "apiserver_longrunning_requests{component=\"apiserver\",group=\"example.com\","
          + "resource=\"widgets\",scope=\"namespace\",subresource=\"\",verb=\"WATCH\","
          + "version=\"v1\"} ";

  private SSLContext tls;
  private SecureServer server;
  private HttpClient scraper;

  @BeforeEach
  void serve() throws Exception {
    tls = selfSigned();
    GenericApiServer api =
        GenericApiServer.builder("test-apiserver", ServerConfig.defaults(() -> "127.0.0.1:6443"))
            .build();
    ApiInstaller.builder(MemoryStorage.create())
        .build()
        .install(
            api,
            ApiGroupInfo.builder("example.com")
                .version("v1", ResourceDefinition.builder("widgets", "Widget").build())
                .build());
    server = SecureServer.start(api.handler().fullHandlerChain(), tls, "127.0.0.1", 0);
    scraper = client(HttpClient.Version.HTTP_1_1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void http2StreamResetByTheClientReleasesTheWatch() throws Exception {
    HttpClient h2 = client(HttpClient.Version.HTTP_2);
    HttpResponse<InputStream> watch =
        h2.send(request(WATCH).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(watch.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(watch.statusCode()).isEqualTo(200);
    awaitWatches(1);

    watch.body().close(); // cancels the stream: RST_STREAM

    awaitWatches(0);
  }

  @Test
  void manyHttp2StreamsOnOneConnectionAreReleasedAndShutdownDoesNotWait() throws Exception {
    HttpClient h2 = client(HttpClient.Version.HTTP_2);
    List<HttpResponse<InputStream>> watches = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      watches.add(h2.send(request(WATCH).build(), HttpResponse.BodyHandlers.ofInputStream()));
    }
    awaitWatches(20);
    for (HttpResponse<InputStream> watch : watches) {
      watch.body().close();
    }

    long start = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void http2ConnectionClosedByTheClientReleasesItsWatches() throws Exception {
    SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {"h2"});
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
    OutputStream out = socket.getOutputStream();
    out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    writeFrame(out, 0x4, 0, 0, new byte[0]); // SETTINGS
    for (int stream = 1; stream <= 5; stream += 2) {
      writeFrame(out, 0x1, 0x5, stream, watchHeaders()); // HEADERS, END_STREAM | END_HEADERS
    }
    out.flush();
    awaitWatches(3);

    socket.close(); // as when the client process dies: the whole connection goes away

    awaitWatches(0);
  }

  /** HPACK: GET, https, the watch path and the authority, none of them indexed or Huffman-coded. */
  private byte[] watchHeaders() {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.write(0x82); // :method GET
    block.write(0x87); // :scheme https
    literal(block, 4, WATCH); // :path
    literal(block, 1, "127.0.0.1:" + server.port()); // :authority
    return block.toByteArray();
  }

  private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    assertThat(bytes.length).isLessThan(127);
    block.write(nameIndex); // literal without indexing, indexed name (4-bit prefix)
    block.write(bytes.length);
    block.writeBytes(bytes);
  }

  private static void writeFrame(OutputStream out, int type, int flags, int stream, byte[] payload)
      throws IOException {
    out.write(new byte[] {
      (byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
      (byte) type, (byte) flags,
      (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream
    });
    out.write(payload);
  }

  @Test
  void http11ConnectionClosedByTheClientReleasesTheWatch() throws Exception {
    SSLSocket socket = openWatch();
    awaitWatches(1);

    socket.close();

    awaitWatches(0);
  }

  @Test
  void http11ConnectionResetByTheClientReleasesTheWatch() throws Exception {
    SSLSocket socket = openWatch();
    awaitWatches(1);

    socket.setSoLinger(true, 0); // the TCP connection ends with a reset
    socket.close();
    awaitWatches(0);
  }

  @Test
  void http11WatchThatIsReadForItsEndStillDeliversEvents() throws Exception {
    try (SSLSocket socket = openWatch()) {
      awaitWatches(1);
      Thread.sleep(300);
      HttpResponse<String> created =
          scraper.send(
              request("/apis/example.com/v1/namespaces/default/widgets")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"kind\":\"Widget\",\"apiVersion\":\"example.com/v1\","
                              + "\"metadata\":{\"name\":\"late\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);

      InputStream in = socket.getInputStream();
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().contains("\"late\"")) {
        int b = in.read();
        assertThat(b).isNotNegative();
        seen.append((char) b);
      }
      assertThat(seen.toString()).contains("\"type\":\"ADDED\"");
      assertThat(scrape()).contains(RUNNING + "1.0");
    }
  }

  private SSLSocket openWatch() throws Exception {
    SSLSocket socket =
        (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port());
    socket.setSoTimeout(5_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET " + WATCH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).isNotNegative();
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 200");
    return socket;
  }

  private void awaitWatches(int count) throws Exception {
    String line = RUNNING + count + ".0";
    String body = scrapeUntil(b -> b.lines().anyMatch(line::equals));
    assertThat(body.lines()).contains(line);
  }

  private String scrapeUntil(Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String body;
    do {
      body = scrape();
      if (condition.test(body)) {
        return body;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return body;
  }

  private String scrape() throws Exception {
    HttpResponse<String> response =
        scraper.send(request("/metrics").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
  }

  private HttpClient client(HttpClient.Version version) {
    return HttpClient.newBuilder()
        .sslContext(tls)
        .version(version)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** A context presenting a self-signed certificate for 127.0.0.1 and trusting only it. */
  private static SSLContext selfSigned() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=127.0.0.1");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minusSeconds(60)),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            keys.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    char[] password = "test".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", keys.getPrivate(), password, new X509Certificate[] {certificate});
    store.setCertificateEntry("trusted", certificate);
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, password);
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
    return context;
  }
}
