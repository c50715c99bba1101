package io.kapi.server.authn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientCertificateAuthenticatorTest {
  private static TestCa serverCa;
  private static TestCa clientCa;
  private static TestCa otherCa;
  private static TestCa.Issued serverIdentity;

  /** Lets any client certificate through TLS, so only the authenticator decides. */
  private static HttpsTestServer permissiveServer;

  @BeforeAll
  static void startServer() {
    serverCa = TestCa.root("server-ca");
    clientCa = TestCa.root("client-ca");
    otherCa = TestCa.root("other-ca");
    serverIdentity = serverCa.server("127.0.0.1");
    permissiveServer =
        new HttpsTestServer(
            TestCa.sslContext(serverIdentity, new TrustManager[] {new AcceptAnyClient()}),
            new ClientCertificateAuthenticator(List.of(clientCa.certificate())));
  }

  @AfterAll
  static void stopServer() {
    permissiveServer.close();
  }

  @Test
  void clientCertificateBecomesUserNamedByCommonNameWithOrganizationsAsGroups() throws Exception {
    TestCa.Issued alice =
        clientCa.client(subject("alice", "dev", "ops"), KeyPurposeId.id_kp_clientAuth);

    HttpResponse<String> response = permissiveServer.get(clientPresenting(alice), "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("name=alice;groups=dev,ops");
  }

  @Test
  void certificateFromAnotherCaIsNotRecognised() throws Exception {
    TestCa.Issued mallory =
        otherCa.client(subject("mallory", "system:masters"), KeyPurposeId.id_kp_clientAuth);

    HttpResponse<String> response = permissiveServer.get(clientPresenting(mallory), "");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void expiredCertificateIsNotRecognised() throws Exception {
    TestCa.Issued expired =
        clientCa.issue(
            subject("old", "dev"),
            KeyPurposeId.id_kp_clientAuth,
            Instant.now().minus(Duration.ofDays(10)),
            Duration.ofDays(1),
            null);

    assertThat(permissiveServer.get(clientPresenting(expired), "").statusCode()).isEqualTo(401);
  }

  @Test
  void notYetValidCertificateIsNotRecognised() throws Exception {
    TestCa.Issued future =
        clientCa.issue(
            subject("early", "dev"),
            KeyPurposeId.id_kp_clientAuth,
            Instant.now().plus(Duration.ofDays(1)),
            Duration.ofDays(1),
            null);

    assertThat(permissiveServer.get(clientPresenting(future), "").statusCode()).isEqualTo(401);
  }

  @Test
  void certificateOnlyForServerAuthIsNotRecognised() throws Exception {
    TestCa.Issued serverOnly =
        clientCa.client(subject("web", "dev"), KeyPurposeId.id_kp_serverAuth);

    assertThat(permissiveServer.get(clientPresenting(serverOnly), "").statusCode()).isEqualTo(401);
  }

  @Test
  void certificateWithoutExtendedKeyUsageIsAccepted() throws Exception {
    TestCa.Issued plain = clientCa.client(subject("bob"), null);

    HttpResponse<String> response = permissiveServer.get(clientPresenting(plain), "");

    assertThat(response.body()).isEqualTo("name=bob;groups=");
  }

  @Test
  void certificateWithoutCommonNameIsNotRecognised() throws Exception {
    TestCa.Issued nameless = clientCa.client(new X500Name("O=dev"), KeyPurposeId.id_kp_clientAuth);

    assertThat(permissiveServer.get(clientPresenting(nameless), "").statusCode()).isEqualTo(401);
  }

  @Test
  void chainThroughIntermediateSentByClientIsAccepted() throws Exception {
    TestCa.Issued carol =
        clientCa
            .intermediate("client-intermediate", null)
            .client(subject("carol", "qa"), KeyPurposeId.id_kp_clientAuth);
    assertThat(carol.chain()).hasSize(2);

    HttpResponse<String> response = permissiveServer.get(clientPresenting(carol), "");

    assertThat(response.body()).isEqualTo("name=carol;groups=qa");
  }

  @Test
  void intermediateRestrictedToServerAuthCannotIssueClientCertificates() throws Exception {
    TestCa.Issued dave =
        clientCa
            .intermediate("server-only-intermediate", KeyPurposeId.id_kp_serverAuth)
            .client(subject("dave"), KeyPurposeId.id_kp_clientAuth);

    assertThat(permissiveServer.get(clientPresenting(dave), "").statusCode()).isEqualTo(401);
  }

  @Test
  void requestWithoutClientCertificateIsNotRecognised() throws Exception {
    HttpResponse<String> response = permissiveServer.get(clientPresenting(null), "");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void repeatedRequestsOnOneConnectionStayAuthenticated() throws Exception {
    TestCa.Issued erin = clientCa.client(subject("erin", "dev"), KeyPurposeId.id_kp_clientAuth);
    HttpClient client = clientPresenting(erin);

    for (int i = 0; i < 3; i++) {
      assertThat(permissiveServer.get(client, "").body()).isEqualTo("name=erin;groups=dev");
    }
  }

  @Test
  void verifiedUserIsNoLongerValidAfterTheCertificateExpires() {
    TestCa.Issued frank = clientCa.client(subject("frank"), KeyPurposeId.id_kp_clientAuth);
    ClientCertificateAuthenticator authenticator =
        new ClientCertificateAuthenticator(List.of(clientCa.certificate()));

    ClientCertificateAuthenticator.Verified verified =
        authenticator.verify(
            new X509Certificate[] {frank.certificate()}, System.currentTimeMillis());

    assertThat(verified).isNotNull();
    assertThat(verified.isValidAt(System.currentTimeMillis())).isTrue();
    assertThat(verified.isValidAt(frank.certificate().getNotAfter().getTime() + 1)).isFalse();
  }

  @Test
  void requestedClientAuthWithCaTrustStoreServesRequestsWithAndWithoutCertificates()
      throws Exception {
    // the wiring the sample server uses: trust store = the client CA, client auth REQUESTED
    SSLContext strict = TestCa.sslContext(serverIdentity, clientCa.certificate());
    try (HttpsTestServer server =
        new HttpsTestServer(
            strict, new ClientCertificateAuthenticator(List.of(clientCa.certificate())))) {
      TestCa.Issued grace = clientCa.client(subject("grace", "ops"), KeyPurposeId.id_kp_clientAuth);

      HttpResponse<String> withCertificate = server.get(clientPresenting(grace), "");
      HttpResponse<String> withoutCertificate = server.get(clientPresenting(null), "");

      assertThat(withCertificate.body()).isEqualTo("name=grace;groups=ops");
      assertThat(withoutCertificate.statusCode()).isEqualTo(401);
      assertThat(withoutCertificate.body()).isEqualTo("unauthenticated");
    }
  }

  @Test
  void strictTlsTrustStoreFailsTheHandshakeForACertificateFromAnotherCa() throws Exception {
    SSLContext strict = TestCa.sslContext(serverIdentity, clientCa.certificate());
    TestCa.Issued mallory = otherCa.client(subject("mallory"), KeyPurposeId.id_kp_clientAuth);
    TestCa.Issued heidi = clientCa.client(subject("heidi"), KeyPurposeId.id_kp_clientAuth);
    try (HttpsTestServer server =
        new HttpsTestServer(
            strict, new ClientCertificateAuthenticator(List.of(clientCa.certificate())))) {

      assertThat(server.get(pushyClient(heidi), "").body()).isEqualTo("name=heidi;groups=");
      assertThatThrownBy(() -> server.get(pushyClient(mallory), ""))
          .isInstanceOf(IOException.class);
    }
  }

  /** A client that sends its certificate even when the server did not list its issuer. */
  private static HttpClient pushyClient(TestCa.Issued identity) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        new KeyManager[] {new AlwaysPresent(identity)},
        trustManagersFor(serverCa.certificate()),
        null);
    return HttpsTestServer.client(context);
  }

  @Test
  void rejectsEmptyCaList() {
    assertThatThrownBy(() -> new ClientCertificateAuthenticator(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static HttpClient clientPresenting(TestCa.Issued identity) {
    return HttpsTestServer.client(TestCa.sslContext(identity, serverCa.certificate()));
  }

  static X500Name subject(String commonName, String... organizations) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
    for (String organization : organizations) {
      builder.addRDN(BCStyle.O, organization);
    }
    return builder.build();
  }

  private static TrustManager[] trustManagersFor(X509Certificate ca) throws Exception {
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("ca", ca);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trustStore);
    return factory.getTrustManagers();
  }

  /** A client key manager that presents one certificate whatever issuers the server asks for. */
  static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final TestCa.Issued identity;

    AlwaysPresent(TestCa.Issued identity) {
      this.identity = identity;
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyTypes, Principal[] issuers, SSLEngine engine) {
      return "identity";
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return "identity";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"identity"};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return identity.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return identity.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }
  }

  /** A TLS trust manager that accepts every client certificate. */
  static final class AcceptAnyClient extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
