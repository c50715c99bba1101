package io.kapi.sample.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class KubeconfigTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dataDir;

  @Test
  void kubeconfigNamesTheServerTheCaAndTheAdminToken() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "127.0.0.1");

    Path path = security.writeKubeconfig("127.0.0.1", 6443);

    assertThat(path).isEqualTo(dataDir.resolve("kubeconfig"));
    JsonNode config = YAML.readTree(Files.readString(path));
    assertThat(config.get("apiVersion").asString()).isEqualTo("v1");
    assertThat(config.get("kind").asString()).isEqualTo("Config");
    assertThat(config.get("current-context").asString()).isEqualTo("kapi");
    JsonNode cluster = config.get("clusters").get(0);
    assertThat(config.get("clusters").size()).isEqualTo(1);
    assertThat(cluster.get("name").asString()).isEqualTo("kapi");
    assertThat(cluster.get("cluster").get("server").asString()).isEqualTo("https://127.0.0.1:6443");
    String caPem =
        new String(
            Base64.getDecoder()
                .decode(cluster.get("cluster").get("certificate-authority-data").asString()),
            StandardCharsets.US_ASCII);
    assertThat(Pem.decodeCertificates(caPem)).containsExactly(security.caCertificate());
    assertThat(caPem).isEqualTo(Files.readString(security.files().caCertificate()));
    JsonNode user = config.get("users").get(0);
    assertThat(user.get("name").asString()).isEqualTo("kapi-admin");
    assertThat(user.get("user").get("token").asString()).isEqualTo(security.adminToken());
    JsonNode context = config.get("contexts").get(0);
    assertThat(context.get("name").asString()).isEqualTo("kapi");
    assertThat(context.get("context").get("cluster").asString()).isEqualTo("kapi");
    assertThat(context.get("context").get("user").asString()).isEqualTo("kapi-admin");
    assertThat(context.get("context").get("namespace").asString()).isEqualTo("default");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
        .isEqualTo("rw-------");
  }

  @Test
  void rewritingReplacesThePort() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "127.0.0.1");
    security.writeKubeconfig("127.0.0.1", 6443);

    Path path = security.writeKubeconfig("127.0.0.1", 40123);

    assertThat(server(path)).isEqualTo("https://127.0.0.1:40123");
  }

  @Test
  void ipv6HostIsBracketed() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "::1");

    assertThat(server(security.writeKubeconfig("::1", 6443))).isEqualTo("https://[::1]:6443");
    assertThat(server(security.writeKubeconfig("[::1]", 6443))).isEqualTo("https://[::1]:6443");
  }

  @Test
  void wildcardHostBecomesLoopbackOfItsFamily() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "0.0.0.0");

    assertThat(server(security.writeKubeconfig("0.0.0.0", 1234)))
        .isEqualTo("https://127.0.0.1:1234");
    assertThat(server(security.writeKubeconfig("::", 1234))).isEqualTo("https://[::1]:1234");
  }

  @Test
  void hostNamesInTheServingCertificateAreAccepted() throws Exception {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "10.1.2.3");

    assertThat(server(security.writeKubeconfig("localhost", 6443)))
        .isEqualTo("https://localhost:6443");
    assertThat(server(security.writeKubeconfig("10.1.2.3", 6443)))
        .isEqualTo("https://10.1.2.3:6443");
  }

  @Test
  void hostNotNamedByTheServingCertificateIsRejected() {
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, "127.0.0.1");

    assertThatThrownBy(() -> security.writeKubeconfig("10.9.9.9", 6443))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.9.9.9");
    assertThatThrownBy(() -> security.writeKubeconfig("example.test", 6443))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> security.writeKubeconfig("127.0.0.1", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quotedScalarsReadBackUnchanged() throws Exception {
    String tricky = "-a \"quoted\" \\ value: #not-a-comment\twith\ttabs";

    JsonNode node = YAML.readTree("value: " + Kubeconfig.quoted(tricky) + "\n");

    assertThat(node.get("value").asString()).isEqualTo(tricky);
  }

  private static String server(Path kubeconfig) throws Exception {
    return YAML.readTree(Files.readString(kubeconfig))
        .get("clusters")
        .get(0)
        .get("cluster")
        .get("server")
        .asString();
  }
}
