package io.kapi.sample.bootstrap;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * Where the security bootstrap keeps its files inside the data directory. Certificates and keys are
 * PEM; private keys, the token and the kubeconfig are readable by the owner only (0600) where the
 * file system has POSIX permissions.
 *
 * @param dataDirectory the data directory itself
 * @param caCertificate {@code ca.crt}: the self-signed CA that issues every other certificate
 * @param caKey {@code ca.key}: the CA's private key (PKCS#8)
 * @param servingCertificate {@code apiserver.crt}: the HTTPS serving certificate
 * @param servingKey {@code apiserver.key}: its private key
 * @param adminCertificate {@code admin.crt}: a client certificate for {@code kapi-admin} in group
 *     {@code system:masters}
 * @param adminKey {@code admin.key}: its private key
 * @param adminToken {@code admin.token}: the admin bearer token
 * @param kubeconfig {@code kubeconfig}: the admin kubeconfig for kubectl
 */
public record SecurityFiles(
    Path dataDirectory,
    Path caCertificate,
    Path caKey,
    Path servingCertificate,
    Path servingKey,
    Path adminCertificate,
    Path adminKey,
    Path adminToken,
    Path kubeconfig) {

  /** Validates the components. */
  public SecurityFiles {
    checkNotNull(dataDirectory, "dataDirectory");
    checkNotNull(caCertificate, "caCertificate");
    checkNotNull(caKey, "caKey");
    checkNotNull(servingCertificate, "servingCertificate");
    checkNotNull(servingKey, "servingKey");
    checkNotNull(adminCertificate, "adminCertificate");
    checkNotNull(adminKey, "adminKey");
    checkNotNull(adminToken, "adminToken");
    checkNotNull(kubeconfig, "kubeconfig");
  }

  /** The standard layout inside {@code dataDirectory}. */
  public static SecurityFiles in(Path dataDirectory) {
    checkNotNull(dataDirectory, "dataDirectory");
    return new SecurityFiles(
        dataDirectory,
        dataDirectory.resolve("ca.crt"),
        dataDirectory.resolve("ca.key"),
        dataDirectory.resolve("apiserver.crt"),
        dataDirectory.resolve("apiserver.key"),
        dataDirectory.resolve("admin.crt"),
        dataDirectory.resolve("admin.key"),
        dataDirectory.resolve("admin.token"),
        dataDirectory.resolve("kubeconfig"));
  }
}
