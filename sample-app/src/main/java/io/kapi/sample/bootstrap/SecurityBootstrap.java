package io.kapi.sample.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample server's security at first start: makes sure the data directory holds a self-signed
 * CA, a serving certificate for the bind address, an admin client certificate and an admin bearer
 * token (creating what is missing, reusing what is there), and builds the server's {@link
 * SSLContext} from them.
 *
 * <pre>{@code
 * SecurityBootstrap security = SecurityBootstrap.prepare(Path.of("data"), "127.0.0.1");
 * Undertow server = Undertow.builder()
 *     .addHttpsListener(6443, "127.0.0.1", security.sslContext())
 *     .setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUESTED)
 *     ...
 * Path kubeconfig = security.writeKubeconfig("127.0.0.1", boundPort);
 * }</pre>
 *
 * <p>Reuse rules: the CA and the token are created once and then kept (a CA certificate without its
 * key, or an expired CA, is an error: delete both files to start over). The serving and admin
 * certificates are issued again when a file is missing, when they were not issued by the CA, when
 * they expire within 30 days, or (serving only) when they do not name the bind address. The
 * resulting {@code SSLContext} serves the serving certificate with the CA as chain and trusts the
 * CA for client certificates. Instances are immutable and thread-safe.
 */
public final class SecurityBootstrap {
  /** The admin user of the token and client certificate. */
  public static final String ADMIN_USER = "kapi-admin";

  /** The group of the admin user (RBAC's superuser group). */
  public static final String ADMIN_GROUP = "system:masters";

  static final String CLUSTER_NAME = "kapi";
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final Logger log = LoggerFactory.getLogger(SecurityBootstrap.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;

  private final SecurityFiles files;
  private final CertificateAuthority ca;
  private final KeyAndCertificate serving;
  private final String adminToken;
  private final SSLContext sslContext;

  private SecurityBootstrap(
      SecurityFiles files, CertificateAuthority ca, KeyAndCertificate serving, String adminToken) {
    this.files = files;
    this.ca = ca;
    this.serving = serving;
    this.adminToken = adminToken;
    this.sslContext = serverContext(serving, ca.certificate());
  }

  /**
   * Creates or reuses the security files in {@code dataDirectory} for a server bound to {@code
   * bindAddress}.
   *
   * @param dataDirectory the data directory, created (owner-only) if missing
   * @param bindAddress the address the server listens on: an IP literal (IPv6 optionally in
   *     brackets), a wildcard such as {@code 0.0.0.0} or {@code ::}, or a host name
   * @throws IllegalArgumentException if {@code bindAddress} is neither an IP address nor a host
   *     name
   * @throws IllegalStateException if the existing CA is unusable (key missing or not matching,
   *     expired) or an existing file is malformed
   * @throws UncheckedIOException if the data directory cannot be read or written
   */
  public static SecurityBootstrap prepare(Path dataDirectory, String bindAddress) {
    return prepare(dataDirectory, bindAddress, Clock.systemUTC());
  }

  static SecurityBootstrap prepare(Path dataDirectory, String bindAddress, Clock clock) {
    checkNotNull(dataDirectory, "dataDirectory");
    checkNotNull(bindAddress, "bindAddress");
    ServingNames names = ServingNames.forBindAddress(bindAddress);
    SecurityFiles files = SecurityFiles.in(dataDirectory);
    Instant now = clock.instant();
    DataFiles.createDirectory(dataDirectory);
    CertificateAuthority ca = loadOrCreateCa(files, now);
    KeyAndCertificate serving =
        reuseOrIssue(
            files.servingCertificate(),
            files.servingKey(),
            ca,
            now,
            existing -> names.coveredBy(existing.certificate()),
            () -> ca.issueServing("kapi-apiserver", names, now, LEAF_VALIDITY));
    reuseOrIssue(
        files.adminCertificate(),
        files.adminKey(),
        ca,
        now,
        existing -> true,
        () -> ca.issueClient(ADMIN_USER, List.of(ADMIN_GROUP), now, LEAF_VALIDITY));
    return new SecurityBootstrap(files, ca, serving, loadOrCreateToken(files.adminToken()));
  }

  /**
   * The server's TLS context: the serving certificate and key, trusting the CA for client
   * certificates.
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** The admin bearer token (user {@value #ADMIN_USER}, group {@value #ADMIN_GROUP}). */
  public String adminToken() {
    return adminToken;
  }

  /** The CA that issued the serving and admin certificates; clients trust it. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** The serving certificate in use. */
  public X509Certificate servingCertificate() {
    return serving.certificate();
  }

  /** Where the files are. */
  public SecurityFiles files() {
    return files;
  }

  /**
   * Writes (replacing) {@link SecurityFiles#kubeconfig()}: cluster, context and current context
   * {@code kapi} at {@code https://<host>:<port>} trusting the CA, user {@value #ADMIN_USER} with
   * the admin token, namespace {@code default}. It is readable by its owner only.
   *
   * @param host the host clients connect to; IPv6 literals are bracketed in the URL, and a wildcard
   *     address ({@code 0.0.0.0}, {@code ::}) is replaced by the loopback address of its family
   * @param port the port the server actually listens on
   * @return the kubeconfig path
   * @throws IllegalArgumentException if the port is out of range or the serving certificate does
   *     not name {@code host} (kubectl would reject the connection)
   * @throws UncheckedIOException if the file cannot be written
   */
  public Path writeKubeconfig(String host, int port) {
    checkNotNull(host, "host");
    checkArgument(port > 0 && port <= 65535, "port %s out of range", port);
    String clientHost = clientHost(ServingNames.unbracket(host));
    checkArgument(
        ServingNames.covers(serving.certificate(), clientHost),
        "the serving certificate does not name %s; it names %s",
        clientHost,
        ServingNames.of(serving.certificate()));
    String server = "https://" + HostAndPort.fromParts(clientHost, port);
    DataFiles.writePrivate(
        files.kubeconfig(),
        Kubeconfig.render(
            CLUSTER_NAME, server, ca.certificate(), ADMIN_USER, adminToken, "default"));
    return files.kubeconfig();
  }

  private static String clientHost(String host) {
    if (!InetAddresses.isInetAddress(host)) {
      return host;
    }
    InetAddress address = InetAddresses.forString(host);
    if (!address.isAnyLocalAddress()) {
      return host;
    }
    return address.getAddress().length == 4 ? "127.0.0.1" : "::1";
  }

  private static CertificateAuthority loadOrCreateCa(SecurityFiles files, Instant now) {
    boolean certificateExists = Files.exists(files.caCertificate());
    boolean keyExists = Files.exists(files.caKey());
    if (!certificateExists && !keyExists) {
      CertificateAuthority ca = CertificateAuthority.generate("kapi-ca", now, CA_VALIDITY);
      DataFiles.writePrivate(files.caKey(), Pem.encode(ca.keyAndCertificate().key()));
      DataFiles.writePublic(files.caCertificate(), Pem.encode(ca.certificate()));
      log.info("Generated a self-signed CA in {}", files.caCertificate());
      return ca;
    }
    checkState(
        certificateExists && keyExists,
        "%s exists but %s does not; restore it, or delete both to generate a new CA",
        certificateExists ? files.caCertificate() : files.caKey(),
        certificateExists ? files.caKey() : files.caCertificate());
    KeyAndCertificate existing = load(files.caCertificate(), files.caKey());
    checkState(
        existing.isValidFor(now, Duration.ZERO),
        "the CA certificate %s is not valid now (valid %s to %s); delete %s and %s to generate a"
            + " new CA",
        files.caCertificate(),
        existing.certificate().getNotBefore().toInstant(),
        existing.certificate().getNotAfter().toInstant(),
        files.caCertificate(),
        files.caKey());
    try {
      return new CertificateAuthority(existing);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "unusable CA in " + files.dataDirectory() + ": " + e.getMessage(), e);
    }
  }

  private static KeyAndCertificate reuseOrIssue(
      Path certificatePath,
      Path keyPath,
      CertificateAuthority ca,
      Instant now,
      Predicate<KeyAndCertificate> extraCheck,
      Supplier<KeyAndCertificate> issuer) {
    if (Files.exists(certificatePath) && Files.exists(keyPath)) {
      KeyAndCertificate existing = load(certificatePath, keyPath);
      if (existing.keyMatches()
          && ca.issued(existing.certificate())
          && existing.isValidFor(now, RENEW_BEFORE)
          && extraCheck.test(existing)) {
        return existing;
      }
      log.info(
          "Replacing {}: expiring, not matching its key or the CA, or not naming the bind address",
          certificatePath);
    }
    KeyAndCertificate issued = issuer.get();
    DataFiles.writePrivate(keyPath, Pem.encode(issued.key()));
    DataFiles.writePublic(certificatePath, Pem.encode(issued.certificate()));
    log.info("Issued {} for {}", certificatePath, issued.certificate().getSubjectX500Principal());
    return issued;
  }

  private static KeyAndCertificate load(Path certificatePath, Path keyPath) {
    try {
      return new KeyAndCertificate(
          Pem.decodePrivateKey(DataFiles.read(keyPath)),
          Pem.decodeCertificates(DataFiles.read(certificatePath)).get(0));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot load " + certificatePath + " / " + keyPath + ": " + e.getMessage(), e);
    }
  }

  private static String loadOrCreateToken(Path tokenPath) {
    if (Files.exists(tokenPath)) {
      String token = DataFiles.read(tokenPath).trim();
      checkState(
          !token.isEmpty() && token.chars().noneMatch(Character::isWhitespace),
          "%s must hold one token without whitespace; delete it to generate a new one",
          tokenPath);
      return token;
    }
    byte[] random = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    DataFiles.writePrivate(tokenPath, token + "\n");
    log.info("Generated the admin token in {}", tokenPath);
    return token;
  }

  private static SSLContext serverContext(KeyAndCertificate serving, X509Certificate ca) {
    try {
      char[] password = Long.toHexString(RANDOM.nextLong()).toCharArray();
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry(
          "apiserver", serving.key(), password, new X509Certificate[] {serving.certificate(), ca});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, password);

      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      trustStore.setCertificateEntry("ca", ca);
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trustStore);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), RANDOM);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the server TLS context", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "SecurityBootstrap[" + files.dataDirectory() + "]";
  }
}
