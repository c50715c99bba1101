package io.kapi.sample.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap's SSLContext behind a real Undertow HTTPS listener with client auth REQUESTED. */
class SslContextTest {
  @TempDir Path dataDir;

  private SecurityBootstrap security;
  private TinyHttpsServer server;

  @BeforeEach
  void startServer() {
    security = SecurityBootstrap.prepare(dataDir.resolve("data"), "127.0.0.1");
    server = new TinyHttpsServer(security.sslContext(), SslContextTest::describePeer);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void clientTrustingOnlyTheCaConnectsWithHostnameVerificationFor127001() throws Exception {
    HttpResponse<String> response = get(TinyHttpsServer.client(security.caCertificate(), null));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("peer=none");
    assertThat(response.sslSession()).isPresent();
    Certificate[] served = response.sslSession().get().getPeerCertificates();
    assertThat(served[0]).isEqualTo(security.servingCertificate());
  }

  @Test
  void clientTrustingAnotherCaIsRejected() throws Exception {
    X509Certificate otherCa =
        SecurityBootstrap.prepare(dataDir.resolve("other"), "127.0.0.1").caCertificate();

    assertThatThrownBy(() -> get(TinyHttpsServer.client(otherCa, null)))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void adminClientCertificateIsRequestedButNotRequired() throws Exception {
    KeyAndCertificate admin = SecurityBootstrapTest.loadAdmin(security.files());

    HttpResponse<String> withCertificate =
        get(TinyHttpsServer.client(security.caCertificate(), admin));
    HttpResponse<String> withoutCertificate =
        get(TinyHttpsServer.client(security.caCertificate(), null));

    assertThat(withCertificate.body()).isEqualTo("peer=CN=kapi-admin,O=system:masters");
    assertThat(withoutCertificate.body()).isEqualTo("peer=none");
  }

  private HttpResponse<String> get(HttpClient client) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void describePeer(HttpServerExchange exchange) throws Exception {
    SSLSessionInfo tls = exchange.getConnection().getSslSessionInfo();
    String peer;
    try {
      X509Certificate leaf = (X509Certificate) tls.getPeerCertificates()[0];
      peer = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
    } catch (SSLPeerUnverifiedException e) {
      peer = "none";
    }
    exchange.getResponseSender().send("peer=" + peer);
  }
}
