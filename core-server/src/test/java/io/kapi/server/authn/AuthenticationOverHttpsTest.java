package io.kapi.server.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chain a server builds: token and client-certificate authenticators in a union, plus the group
 * adder.
 */
class AuthenticationOverHttpsTest {
  private static TestCa ca;
  private static HttpsTestServer server;

  @BeforeAll
  static void startServer() {
    ca = TestCa.root("kapi-ca");
    Authenticator authenticator =
        new AuthenticatedGroupAdder(
            new UnionAuthenticator(
                List.of(
                    new ClientCertificateAuthenticator(List.of(ca.certificate())),
                    new BearerTokenAuthenticator(
                        Map.of("s3cret", UserInfo.of("kapi-admin", List.of("system:masters")))))));
    server =
        new HttpsTestServer(
            TestCa.sslContext(ca.server("127.0.0.1"), ca.certificate()), authenticator);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void validTokenAuthenticatesAndIsNotPassedOn() throws Exception {
    HttpResponse<String> response = server.get(anonymousClient(), "Bearer s3cret");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("name=kapi-admin;groups=system:masters,system:authenticated");
    assertThat(response.headers().firstValue("X-Authorization-Left")).contains("false");
  }

  @Test
  void wrongTokenIsUnauthorized() throws Exception {
    HttpResponse<String> response = server.get(anonymousClient(), "Bearer s3cre7");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void clientCertificateAuthenticatesWithCommonNameAndOrganizations() throws Exception {
    TestCa.Issued alice =
        ca.client(
            ClientCertificateAuthenticatorTest.subject("alice", "dev"),
            KeyPurposeId.id_kp_clientAuth);
    HttpClient client = HttpsTestServer.client(TestCa.sslContext(alice, ca.certificate()));

    HttpResponse<String> response = server.get(client, "");

    assertThat(response.body()).isEqualTo("name=alice;groups=dev,system:authenticated");
  }

  @Test
  void clientCertificateIsAskedBeforeTheToken() throws Exception {
    TestCa.Issued alice =
        ca.client(
            ClientCertificateAuthenticatorTest.subject("alice", "dev"),
            KeyPurposeId.id_kp_clientAuth);
    HttpClient client = HttpsTestServer.client(TestCa.sslContext(alice, ca.certificate()));

    HttpResponse<String> response = server.get(client, "Bearer s3cret");

    assertThat(response.body()).startsWith("name=alice;");
  }

  private static HttpClient anonymousClient() {
    return HttpsTestServer.client(TestCa.sslContext(null, ca.certificate()));
  }
}
