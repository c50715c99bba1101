package io.kapi.sample.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM encoding of certificates and private keys (PKCS#8 out; PKCS#8, PKCS#1 and SEC1 in). */
final class Pem {
  private static final Base64.Encoder ENCODER =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  static String encode(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(
          "cannot encode certificate " + certificate.getSubjectX500Principal(), e);
    }
  }

  static String encode(PrivateKey key) {
    // JDK keys encode as PKCS#8 PrivateKeyInfo
    return block("PRIVATE KEY", key.getEncoded());
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + ENCODER.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * Decodes every certificate in {@code pem}, in order.
   *
   * @throws IllegalArgumentException if {@code pem} holds no certificate or a malformed one
   */
  static List<X509Certificate> decodeCertificates(String pem) {
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no certificate in PEM data");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("malformed certificate PEM: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes the first private key in {@code pem}.
   *
   * @throws IllegalArgumentException if {@code pem} holds no unencrypted private key
   */
  static PrivateKey decodePrivateKey(String pem) {
    try (Reader reader = new StringReader(pem);
        PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
      throw new IllegalArgumentException("no unencrypted private key in PEM data");
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed private key PEM: " + e.getMessage(), e);
    }
  }
}
