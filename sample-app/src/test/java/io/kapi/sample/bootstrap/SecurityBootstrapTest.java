package io.kapi.sample.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityBootstrapTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  @TempDir Path dataDir;

  @Test
  void firstStartCreatesEveryFileWithPrivateFilesOwnerOnly() throws Exception {
    Path nested = dataDir.resolve("data");

    SecurityFiles files = SecurityBootstrap.prepare(nested, "127.0.0.1").files();

    assertThat(files).isEqualTo(SecurityFiles.in(nested));
    for (Path path :
        List.of(
            files.caCertificate(),
            files.caKey(),
            files.servingCertificate(),
            files.servingKey(),
            files.adminCertificate(),
            files.adminKey(),
            files.adminToken())) {
      assertThat(path).isRegularFile();
    }
    for (Path secret :
        List.of(files.caKey(), files.servingKey(), files.adminKey(), files.adminToken())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .as(secret.toString())
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.caCertificate())))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rwx------");
    assertThat(Files.readString(files.caKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(files.caCertificate())).startsWith("-----BEGIN CERTIFICATE-----\n");
    try (var listing = Files.list(nested)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".tmp"));
    }
  }

  @Test
  void secondStartReusesEverything() throws Exception {
    SecurityBootstrap first = SecurityBootstrap.prepare(dataDir, "127.0.0.1");
    Map<Path, String> contents = contents(first.files());

    SecurityBootstrap second = SecurityBootstrap.prepare(dataDir, "127.0.0.1");

    assertThat(second.adminToken()).isEqualTo(first.adminToken());
    assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(second.servingCertificate()).isEqualTo(first.servingCertificate());
    assertThat(contents(second.files())).isEqualTo(contents);
  }

  @Test
  void caIsASelfSignedCertificateAuthorityForTenYears() throws Exception {
    X509Certificate ca = SecurityBootstrap.prepare(dataDir, "127.0.0.1").caCertificate();

    ca.verify(ca.getPublicKey());
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
    assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
    assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
        .isGreaterThan(Duration.ofDays(3649));
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void servingCertificateNamesLoopbackForServerAuthAndIsIssuedByTheCa() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "127.0.0.1");
    X509Certificate serving = security.servingCertificate();

    serving.verify(security.caCertificate().getPublicKey());
    assertThat(serving.getIssuerX500Principal())
        .isEqualTo(security.caCertificate().getSubjectX500Principal());
    assertThat(serving.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(serving.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(serving.getBasicConstraints()).isEqualTo(-1);
    assertThat(serving.getKeyUsage()[0]).as("digitalSignature").isTrue();
    serving.checkValidity();
    assertThat(
            Duration.between(serving.getNotBefore().toInstant(), serving.getNotAfter().toInstant()))
        .isBetween(Duration.ofDays(365), Duration.ofDays(366));
    assertThat(Pem.decodeCertificates(Files.readString(security.files().servingCertificate())))
        .containsExactly(serving);
  }

  @Test
  void adminCertificateIdentifiesKapiAdminInSystemMastersForClientAuth() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "127.0.0.1");
    KeyAndCertificate admin = loadAdmin(security.files());

    admin.certificate().verify(security.caCertificate().getPublicKey());
    assertThat(admin.keyMatches()).isTrue();
    assertThat(admin.certificate().getSubjectX500Principal().getName(X500Principal.RFC2253))
        .isEqualTo("CN=kapi-admin,O=system:masters");
    assertThat(admin.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(admin.certificate().getSubjectAlternativeNames()).isNull();
  }

  @Test
  void adminTokenIs32RandomBytesInUnpaddedBase64Url() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "127.0.0.1");
    SecurityBootstrap elsewhere = SecurityBootstrap.prepare(dataDir.resolve("other"), "127.0.0.1");

    assertThat(security.adminToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(security.adminToken())).hasSize(32);
    assertThat(Files.readString(security.files().adminToken()).trim())
        .isEqualTo(security.adminToken());
    assertThat(elsewhere.adminToken()).isNotEqualTo(security.adminToken());
    assertThat(elsewhere.caCertificate()).isNotEqualTo(security.caCertificate());
  }

  @Test
  void anotherBindAddressGetsANewServingCertificateFromTheSameCa() throws Exception {
    SecurityBootstrap loopback = SecurityBootstrap.prepare(dataDir, "127.0.0.1");

    SecurityBootstrap specific = SecurityBootstrap.prepare(dataDir, "10.20.30.40");

    assertThat(specific.servingCertificate()).isNotEqualTo(loopback.servingCertificate());
    assertThat(specific.servingCertificate().getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"),
            List.of(7, "10.20.30.40"));
    assertThat(specific.caCertificate()).isEqualTo(loopback.caCertificate());
    assertThat(specific.adminToken()).isEqualTo(loopback.adminToken());
    assertThat(SecurityBootstrap.prepare(dataDir, "10.20.30.40").servingCertificate())
        .isEqualTo(specific.servingCertificate());
    // the loopback names are still there, so going back to loopback keeps the certificate
    assertThat(SecurityBootstrap.prepare(dataDir, "127.0.0.1").servingCertificate())
        .isEqualTo(specific.servingCertificate());
  }

  @Test
  void ipv6BindAddressMayBeBracketed() throws Exception {
    X509Certificate serving = SecurityBootstrap.prepare(dataDir, "[fd00::5]").servingCertificate();

    assertThat(serving.getSubjectAlternativeNames()).contains(List.of(7, "fd00:0:0:0:0:0:0:5"));
  }

  @Test
  void hostNameBindAddressIsAddedAsDnsName() throws Exception {
    X509Certificate serving =
        SecurityBootstrap.prepare(dataDir, "api.example.test").servingCertificate();

    assertThat(serving.getSubjectAlternativeNames()).contains(List.of(2, "api.example.test"));
  }

  @Test
  void wildcardBindAddressKeepsTheLoopbackCertificate() {
    X509Certificate loopback = SecurityBootstrap.prepare(dataDir, "127.0.0.1").servingCertificate();

    assertThat(SecurityBootstrap.prepare(dataDir, "0.0.0.0").servingCertificate())
        .isEqualTo(loopback);
    assertThat(SecurityBootstrap.prepare(dataDir, "::").servingCertificate()).isEqualTo(loopback);
  }

  @Test
  void certificatesCloseToExpiryAreReissuedByTheSameCa() throws Exception {
    Instant now = Instant.now();
    SecurityBootstrap first = SecurityBootstrap.prepare(dataDir, "127.0.0.1", clockAt(now));
    X509Certificate firstAdmin = loadAdmin(first.files()).certificate();

    Instant later = now.plus(Duration.ofDays(340));
    SecurityBootstrap renewed = SecurityBootstrap.prepare(dataDir, "127.0.0.1", clockAt(later));

    assertThat(renewed.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(renewed.adminToken()).isEqualTo(first.adminToken());
    assertThat(renewed.servingCertificate()).isNotEqualTo(first.servingCertificate());
    assertThat(renewed.servingCertificate().getNotAfter().toInstant())
        .isAfter(later.plus(Duration.ofDays(300)));
    assertThat(loadAdmin(renewed.files()).certificate()).isNotEqualTo(firstAdmin);
  }

  @Test
  void certificatesFromAnotherCaAreReplaced() throws Exception {
    SecurityBootstrap mine = SecurityBootstrap.prepare(dataDir.resolve("mine"), "127.0.0.1");
    SecurityBootstrap theirs = SecurityBootstrap.prepare(dataDir.resolve("theirs"), "127.0.0.1");
    Files.copy(
        theirs.files().servingCertificate(),
        mine.files().servingCertificate(),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        theirs.files().servingKey(),
        mine.files().servingKey(),
        StandardCopyOption.REPLACE_EXISTING);

    SecurityBootstrap again = SecurityBootstrap.prepare(dataDir.resolve("mine"), "127.0.0.1");

    again.servingCertificate().verify(mine.caCertificate().getPublicKey());
    assertThat(again.servingCertificate()).isNotEqualTo(theirs.servingCertificate());
  }

  @Test
  void missingServingKeyMeansANewServingCertificate() throws Exception {
    SecurityBootstrap first = SecurityBootstrap.prepare(dataDir, "127.0.0.1");
    Files.delete(first.files().servingKey());

    SecurityBootstrap second = SecurityBootstrap.prepare(dataDir, "127.0.0.1");

    assertThat(second.servingCertificate()).isNotEqualTo(first.servingCertificate());
    assertThat(first.files().servingKey()).isRegularFile();
  }

  @Test
  void caCertificateWithoutItsKeyIsAnError() throws Exception {
    SecurityFiles files = SecurityBootstrap.prepare(dataDir, "127.0.0.1").files();
    Files.delete(files.caKey());

    assertThatThrownBy(() -> SecurityBootstrap.prepare(dataDir, "127.0.0.1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ca.key");
  }

  @Test
  void caKeyNotMatchingTheCertificateIsAnError() throws Exception {
    SecurityFiles files = SecurityBootstrap.prepare(dataDir, "127.0.0.1").files();
    Files.copy(files.adminKey(), files.caKey(), StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> SecurityBootstrap.prepare(dataDir, "127.0.0.1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not belong");
  }

  @Test
  void expiredCaIsAnError() {
    SecurityBootstrap.prepare(dataDir, "127.0.0.1");

    assertThatThrownBy(
            () ->
                SecurityBootstrap.prepare(
                    dataDir, "127.0.0.1", clockAt(Instant.now().plus(Duration.ofDays(3700)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not valid now");
  }

  @Test
  void malformedBindAddressIsRejected() {
    assertThatThrownBy(() -> SecurityBootstrap.prepare(dataDir, "not an address!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an address!");
  }

  @Test
  void pemKeysInOtherEncodingsAreRead() throws Exception {
    SecurityFiles files = SecurityBootstrap.prepare(dataDir, "127.0.0.1").files();
    KeyAndCertificate admin = loadAdmin(files);

    // SEC1 ("EC PRIVATE KEY") with the curve inside, as openssl ecparam -genkey writes it
    PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(admin.key().getEncoded());
    ECPrivateKey withoutCurve = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
    ECPrivateKey sec1 =
        new ECPrivateKey(
            256, withoutCurve.getKey(), pkcs8.getPrivateKeyAlgorithm().getParameters());
    String sec1Pem =
        "-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(sec1.getEncoded())
            + "\n-----END EC PRIVATE KEY-----\n";
    PrivateKey fromSec1 = Pem.decodePrivateKey(sec1Pem);
    assertThat(((java.security.interfaces.ECPrivateKey) fromSec1).getS())
        .isEqualTo(((java.security.interfaces.ECPrivateKey) admin.key()).getS());
    assertThat(KeyAndCertificate.matches(fromSec1, admin.certificate().getPublicKey())).isTrue();
    // PKCS#1 ("RSA PRIVATE KEY")
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rsaPair = rsa.generateKeyPair();
    StringWriter pkcs1 = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pkcs1)) {
      writer.writeObject(rsaPair.getPrivate());
    }
    assertThat(pkcs1.toString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(
            KeyAndCertificate.matches(Pem.decodePrivateKey(pkcs1.toString()), rsaPair.getPublic()))
        .isTrue();
    assertThatThrownBy(() -> Pem.decodePrivateKey(Files.readString(files.adminCertificate())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static KeyAndCertificate loadAdmin(SecurityFiles files) throws Exception {
    return new KeyAndCertificate(
        Pem.decodePrivateKey(Files.readString(files.adminKey())),
        Pem.decodeCertificates(Files.readString(files.adminCertificate())).get(0));
  }

  private static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static Map<Path, String> contents(SecurityFiles files) throws Exception {
    Map<Path, String> contents = new LinkedHashMap<>();
    for (Path path :
        List.of(
            files.caCertificate(),
            files.caKey(),
            files.servingCertificate(),
            files.servingKey(),
            files.adminCertificate(),
            files.adminKey(),
            files.adminToken())) {
      contents.put(path, Files.readString(path));
    }
    return contents;
  }
}
