package io.kapi.sample.bootstrap;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Renders a kubeconfig (YAML) with one cluster, one token user and one context that is current.
 * Every string value is double-quoted, so tokens and URLs need no YAML knowledge of their own.
 */
final class Kubeconfig {
  private Kubeconfig() {}

  static String render(
      String name,
      String serverUrl,
      X509Certificate ca,
      String user,
      String token,
      String namespace) {
    String caData =
        Base64.getEncoder().encodeToString(Pem.encode(ca).getBytes(StandardCharsets.US_ASCII));
    return """
    apiVersion: v1
    kind: Config
    clusters:
    - name: %1$s
      cluster:
        server: %2$s
        certificate-authority-data: %3$s
    users:
    - name: %4$s
      user:
        token: %5$s
    contexts:
    - name: %1$s
      context:
        cluster: %1$s
        user: %4$s
        namespace: %6$s
    current-context: %1$s
    preferences: {}
    """
        .formatted(
            quoted(name),
            quoted(serverUrl),
            quoted(caData),
            quoted(user),
            quoted(token),
            quoted(namespace));
  }

  /** A YAML double-quoted scalar. */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
