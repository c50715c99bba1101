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
      String name, String serverUrl, X509Certificate ca, String user, String token, String namespace) {
    String caData =
        Base64.getEncoder().encodeToString(Pem.encode(ca).getBytes(StandardCharsets.US_ASCII));
    return "apiVersion: v1\n"
        + "kind: Config\n"
        + "clusters:\n"
        + "- name: " + quoted(name) + "\n"
        + "  cluster:\n"
        + "    server: " + quoted(serverUrl) + "\n"
        + "    certificate-authority-data: " + quoted(caData) + "\n"
        + "users:\n"
        + "- name: " + quoted(user) + "\n"
        + "  user:\n"
        + "    token: " + quoted(token) + "\n"
        + "contexts:\n"
        + "- name: " + quoted(name) + "\n"
        + "  context:\n"
        + "    cluster: " + quoted(name) + "\n"
        + "    user: " + quoted(user) + "\n"
        + "    namespace: " + quoted(namespace) + "\n"
        + "current-context: " + quoted(name) + "\n"
        + "preferences: {}\n";
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
