package io.kapi.server.authn;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/** A throw-away certificate authority for tests, built with BouncyCastle (EC P-256 keys). */
final class TestCa {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final List<X509Certificate> chain;

  private TestCa(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
    this.certificate = certificate;
    this.key = key;
    this.chain = chain;
  }

  /** A certificate with its private key and the chain to send (leaf first, no root). */
  record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {}

  static TestCa root(String commonName) {
    KeyPair keyPair = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    X509Certificate certificate =
        sign(
            withCaConstraints(
                builder(
                    name,
                    name,
                    keyPair,
                    Instant.now().minus(Duration.ofHours(1)),
                    Duration.ofDays(30))),
            keyPair.getPrivate(),
            caUsage());
    return new TestCa(certificate, keyPair.getPrivate(), List.of());
  }

  /** An intermediate CA issued by this one, with an extended key usage if one is given. */
  TestCa intermediate(String commonName, @Nullable KeyPurposeId extendedKeyUsage) {
    KeyPair keyPair = newKeyPair();
    X509Certificate intermediate;
    try {
      X509v3CertificateBuilder builder =
          builder(
                  issuerName(),
                  new X500Name("CN=" + commonName),
                  keyPair,
                  Instant.now().minus(Duration.ofHours(1)),
                  Duration.ofDays(30))
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      if (extendedKeyUsage != null) {
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
      }
      intermediate = sign(builder, key, caUsage());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    List<X509Certificate> newChain = new ArrayList<>();
    newChain.add(intermediate);
    newChain.addAll(chain);
    return new TestCa(intermediate, keyPair.getPrivate(), List.copyOf(newChain));
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** A serving certificate for the IP address {@code ip}. */
  Issued server(String ip) {
    try {
      GeneralNames names =
          new GeneralNames(
              new GeneralName(
                  GeneralName.iPAddress,
                  new DEROctetString(InetAddress.getByName(ip).getAddress())));
      return issue(
          new X500Name("CN=test-server"),
          KeyPurposeId.id_kp_serverAuth,
          Instant.now().minus(Duration.ofHours(1)),
          Duration.ofDays(1),
          names);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client certificate for {@code subject}, valid from an hour ago for a day. */
  Issued client(X500Name subject, @Nullable KeyPurposeId extendedKeyUsage) {
    return issue(
        subject,
        extendedKeyUsage,
        Instant.now().minus(Duration.ofHours(1)),
        Duration.ofDays(1),
        null);
  }

  Issued issue(
      X500Name subject,
      @Nullable KeyPurposeId extendedKeyUsage,
      Instant notBefore,
      Duration validity,
      @Nullable GeneralNames subjectAlternativeNames) {
    KeyPair keyPair = newKeyPair();
    try {
      X509v3CertificateBuilder builder =
          builder(issuerName(), subject, keyPair, notBefore, validity)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      if (extendedKeyUsage != null) {
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
      }
      if (subjectAlternativeNames != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames);
      }
      X509Certificate leaf = sign(builder, key, new KeyUsage(KeyUsage.digitalSignature));
      List<X509Certificate> leafChain = new ArrayList<>();
      leafChain.add(leaf);
      leafChain.addAll(chain);
      return new Issued(leaf, keyPair.getPrivate(), List.copyOf(leafChain));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context that presents {@code identity} (if any) and trusts {@code trusted}. */
  static SSLContext sslContext(@Nullable Issued identity, X509Certificate... trusted) {
    try {
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      for (int i = 0; i < trusted.length; i++) {
        trustStore.setCertificateEntry("ca" + i, trusted[i]);
      }
      trustManagers.init(trustStore);
      return sslContext(identity, trustManagers.getTrustManagers());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static SSLContext sslContext(@Nullable Issued identity, TrustManager[] trustManagers) {
    try {
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      char[] password = "test".toCharArray();
      if (identity != null) {
        keyStore.setKeyEntry(
            "identity", identity.key(), password, identity.chain().toArray(new X509Certificate[0]));
      }
      keyManagers.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers, RANDOM);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private X500Name issuerName() {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  private static X509v3CertificateBuilder withCaConstraints(X509v3CertificateBuilder builder) {
    try {
      return builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyUsage caUsage() {
    return new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keyPair, Instant notBefore, Duration validity) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, RANDOM).add(BigInteger.ONE),
        Date.from(notBefore),
        Date.from(notBefore.plus(validity)),
        subject,
        keyPair.getPublic());
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder builder, PrivateKey signer, KeyUsage keyUsage) {
    try {
      builder.addExtension(Extension.keyUsage, true, keyUsage);
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign test certificate", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
