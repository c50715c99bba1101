package io.kapi.server.authn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RenegotiationRequiredException;
import io.undertow.server.SSLSessionInfo;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates requests by the x509 client certificate presented in the TLS handshake, like
 * kube-apiserver's {@code --client-ca-file}: the user name is the subject's common name (CN) and
 * the groups are the subject's organizations (O), in order.
 *
 * <p>The TLS layer has usually verified the certificate already, but its trust store may hold more
 * CAs than are allowed to issue user certificates (a front-proxy CA, for instance), so this class
 * verifies again that the peer chain leads to one of its own CAs, that every certificate is valid
 * now, and that the leaf (and any intermediate) that has an extended key usage allows {@code
 * clientAuth}. A certificate without a common name is not recognised.
 *
 * <p>Undertow must be asked to request client certificates, for instance with {@code
 * builder.setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUESTED)}; this class
 * never triggers a renegotiation. A successful verification is remembered in the TLS session (until
 * the first certificate of the chain expires), so later requests on the same connection cost
 * little.
 */
public final class ClientCertificateAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(ClientCertificateAuthenticator.class);
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
  private static final AtomicLong INSTANCES = new AtomicLong();
  /** Remembered in a TLS session whose client sent no certificate. */
  private static final Object NO_CERTIFICATE = new Object();

  private final Set<TrustAnchor> trustAnchors;
  private final List<X509Certificate> caCertificates;
  private final String sessionKey;

  /**
   * Creates an authenticator that accepts client certificates issued (directly or through
   * intermediates sent by the client) by one of {@code caCertificates}.
   *
   * @throws IllegalArgumentException if {@code caCertificates} is empty
   */
  public ClientCertificateAuthenticator(Collection<X509Certificate> caCertificates) {
    checkNotNull(caCertificates, "caCertificates");
    checkArgument(!caCertificates.isEmpty(), "at least one CA certificate is required");
    this.caCertificates = ImmutableList.copyOf(caCertificates);
    this.trustAnchors =
        this.caCertificates.stream()
            .map(ca -> new TrustAnchor(ca, null))
            .collect(Collectors.toUnmodifiableSet());
    this.sessionKey =
        ClientCertificateAuthenticator.class.getName() + "#" + INSTANCES.incrementAndGet();
  }

  @Override
  public Optional<UserInfo> authenticate(HttpServerExchange exchange) {
    checkNotNull(exchange, "exchange");
    SSLSessionInfo tls = exchange.getConnection().getSslSessionInfo();
    if (tls == null) {
      return Optional.empty();
    }
    @Nullable SSLSession session = tls.getSSLSession();
    long now = System.currentTimeMillis();
    if (session != null) {
      Object cached = session.getValue(sessionKey);
      if (cached == NO_CERTIFICATE) {
        return Optional.empty();
      }
      if (cached instanceof Verified verified) {
        if (verified.isValidAt(now)) {
          return Optional.of(verified.user);
        }
        session.removeValue(sessionKey);
      }
    }
    X509Certificate[] chain = peerChain(tls);
    if (chain.length == 0) {
      if (session != null) {
        // the handshake is over and renegotiation is never triggered: this session stays anonymous
        session.putValue(sessionKey, NO_CERTIFICATE);
      }
      return Optional.empty();
    }
    @Nullable Verified verified = verify(chain, now);
    if (verified == null) {
      return Optional.empty();
    }
    if (session != null) {
      session.putValue(sessionKey, verified);
    }
    return Optional.of(verified.user);
  }

  private static X509Certificate[] peerChain(SSLSessionInfo tls) {
    Certificate[] certificates;
    try {
      certificates = tls.getPeerCertificates();
    } catch (SSLPeerUnverifiedException | RenegotiationRequiredException e) {
      return new X509Certificate[0];
    }
    if (certificates == null) {
      return new X509Certificate[0];
    }
    List<X509Certificate> x509 = new ArrayList<>(certificates.length);
    for (Certificate certificate : certificates) {
      if (!(certificate instanceof X509Certificate c)) {
        return new X509Certificate[0];
      }
      x509.add(c);
    }
    return x509.toArray(new X509Certificate[0]);
  }

  /**
   * Verifies {@code chain} (leaf first, then any intermediates in any order) at time {@code now}
   * and converts it to a user, or returns null when it is not acceptable.
   */
  @Nullable Verified verify(X509Certificate[] chain, long now) {
    X509Certificate leaf = chain[0];
    List<X509Certificate> path;
    TrustAnchor anchor;
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(new Date(now));
      parameters.addCertStore(
          CertStore.getInstance(
              "Collection", new CollectionCertStoreParameters(Arrays.asList(chain))));
      PKIXCertPathBuilderResult result =
          (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      path = new ArrayList<>();
      for (Certificate certificate : result.getCertPath().getCertificates()) {
        path.add((X509Certificate) certificate);
      }
      anchor = result.getTrustAnchor();
    } catch (GeneralSecurityException e) {
      log.debug(
          "client certificate {} rejected: {}", leaf.getSubjectX500Principal(), e.getMessage());
      return null;
    }
    if (!path.stream().allMatch(ClientCertificateAuthenticator::allowsClientAuth)) {
      log.debug(
          "client certificate {} rejected: not for clientAuth", leaf.getSubjectX500Principal());
      return null;
    }
    SubjectNames names = SubjectNames.of(leaf.getSubjectX500Principal());
    if (names.commonName().isEmpty()) {
      return null;
    }
    long notBefore = leaf.getNotBefore().getTime();
    long notAfter = leaf.getNotAfter().getTime();
    List<X509Certificate> all = new ArrayList<>(path);
    if (anchor.getTrustedCert() != null) {
      all.add(anchor.getTrustedCert());
    }
    for (X509Certificate certificate : all) {
      notBefore = Math.max(notBefore, certificate.getNotBefore().getTime());
      notAfter = Math.min(notAfter, certificate.getNotAfter().getTime());
    }
    return new Verified(
        UserInfo.of(names.commonName(), names.organizations()), notBefore, notAfter);
  }

  private static boolean allowsClientAuth(X509Certificate certificate) {
    List<String> usages;
    try {
      usages = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return false;
    }
    return usages == null
        || usages.contains(CLIENT_AUTH)
        || usages.contains(ANY_EXTENDED_KEY_USAGE);
  }

  @Override
  public String toString() {
    return "ClientCertificateAuthenticator"
        + caCertificates.stream()
            .map(ca -> ca.getSubjectX500Principal().getName(X500Principal.RFC2253))
            .collect(Collectors.toList());
  }

  /** A verified chain's user, valid while every certificate of the chain is. */
  record Verified(UserInfo user, long notBeforeMillis, long notAfterMillis) {
    boolean isValidAt(long millis) {
      return millis >= notBeforeMillis && millis <= notAfterMillis;
    }
  }
}
