package io.kapi.sample.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** A certificate and its private key, as kept in a {@code .crt}/{@code .key} pair of files. */
record KeyAndCertificate(PrivateKey key, X509Certificate certificate) {

  /** Whether {@link #key()} is the private half of the certificate's public key. */
  boolean keyMatches() {
    return matches(key, certificate.getPublicKey());
  }

  /** Whether the certificate is valid at {@code now} and still will be {@code margin} later. */
  boolean isValidFor(Instant now, Duration margin) {
    return !now.isBefore(certificate.getNotBefore().toInstant())
        && now.plus(margin).isBefore(certificate.getNotAfter().toInstant());
  }

  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      String algorithm = CertificateAuthority.signatureAlgorithm(privateKey);
      byte[] challenge = "kapi key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalStateException e) {
      return false;
    }
  }
}
