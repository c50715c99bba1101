package io.kapi.sample.bootstrap;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A certificate authority: a CA certificate and its key, able to issue serving and client
 * certificates. New keys are EC P-256; certificates are built with BouncyCastle and signed with the
 * JDK's providers (no security provider is registered globally).
 */
final class CertificateAuthority {
  /** Certificates start a little in the past so that clients with a slow clock accept them. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyAndCertificate ca;

  /**
   * Wraps an existing CA.
   *
   * @throws IllegalArgumentException if the certificate is not a CA or the key does not match it
   */
  CertificateAuthority(KeyAndCertificate ca) {
    checkArgument(
        ca.certificate().getBasicConstraints() >= 0,
        "%s is not a CA certificate",
        ca.certificate().getSubjectX500Principal());
    checkArgument(
        ca.keyMatches(),
        "the CA key does not belong to the CA certificate %s",
        ca.certificate().getSubjectX500Principal());
    this.ca = ca;
  }

  /** Generates a new self-signed CA valid from {@code now} for {@code validity}. */
  static CertificateAuthority generate(String commonName, Instant now, Duration validity) {
    KeyPair keyPair = newKeyPair();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          builder(name, name, keyPair, now, validity)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
      return new CertificateAuthority(
          new KeyAndCertificate(keyPair.getPrivate(), sign(builder, keyPair.getPrivate())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate CA certificate", e);
    }
  }

  X509Certificate certificate() {
    return ca.certificate();
  }

  KeyAndCertificate keyAndCertificate() {
    return ca;
  }

  /** Issues a serving certificate ({@code serverAuth}) for {@code names}. */
  KeyAndCertificate issueServing(
      String commonName, ServingNames names, Instant now, Duration validity) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    return issue(subject, KeyPurposeId.id_kp_serverAuth, names, now, validity);
  }

  /** Issues a client certificate ({@code clientAuth}) for a user in {@code groups}. */
  KeyAndCertificate issueClient(String user, List<String> groups, Instant now, Duration validity) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    for (String group : groups) {
      subject.addRDN(BCStyle.O, group);
    }
    subject.addRDN(BCStyle.CN, user);
    return issue(subject.build(), KeyPurposeId.id_kp_clientAuth, null, now, validity);
  }

  /** Whether this CA signed {@code certificate}. */
  boolean issued(X509Certificate certificate) {
    if (!certificate.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.certificate().getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private KeyAndCertificate issue(
      X500Name subject,
      KeyPurposeId purpose,
      @Nullable ServingNames names,
      Instant now,
      Duration validity) {
    KeyPair keyPair = newKeyPair();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          builder(
                  X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                  subject,
                  keyPair,
                  now,
                  validity)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(ca.certificate()));
      if (names != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, names.toGeneralNames());
      }
      return new KeyAndCertificate(keyPair.getPrivate(), sign(builder, ca.key()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue certificate for " + subject, e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keyPair, Instant now, Duration validity) {
    Instant notBefore = now.minus(CLOCK_SKEW).truncatedTo(ChronoUnit.SECONDS);
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(127, RANDOM).setBit(126),
        Date.from(notBefore),
        Date.from(now.plus(validity).truncatedTo(ChronoUnit.SECONDS)),
        subject,
        keyPair.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(
          "cannot create a signer for " + signer.getAlgorithm() + " keys", e);
    }
  }

  /**
   * The signature algorithm to sign with {@code key}.
   *
   * @throws IllegalStateException for keys other than EC and RSA
   */
  static String signatureAlgorithm(PrivateKey key) {
    switch (key.getAlgorithm()) {
      case "EC":
        return "SHA256withECDSA";
      case "RSA":
        return "SHA256withRSA";
      default:
        throw new IllegalStateException("unsupported key algorithm " + key.getAlgorithm());
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides EC P-256 keys", e);
    }
  }
}
