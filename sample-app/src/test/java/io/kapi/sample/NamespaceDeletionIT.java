package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl deleting a namespace with content from the packaged jar. */
class NamespaceDeletionIT {
  @TempDir Path dataDir;
  @TempDir Path home;

  @Test
  void kubectlDeleteNamespaceReturnsOnceTheNamespaceAndItsContentAreGone() throws Exception {
    Path manifest = home.resolve("team.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team-x
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: team-x
        data:
          color: blue
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: token
          namespace: team-x
        stringData:
          value: s3cr3t
        """);
    try (JarProcess server = new JarProcess(dataDir, "--storage-backend=memory")) {
      JarProcess.KubectlResult created = server.kubectl(home, "create", "--validate=false", "-f", manifest.toString());
      assertThat(created.exitCode()).as(created.output()).isZero();
      assertThat(created.output())
          .contains("namespace/team-x created", "configmap/settings created", "secret/token created");
      JarProcess.KubectlResult run =
          server.kubectl(home, "run", "web", "--image=nginx:1.27", "-n", "team-x");
      assertThat(run.output()).contains("pod/web created");

      JarProcess.KubectlResult deleted =
          server.kubectl(home, "delete", "namespace", "team-x", "--timeout=60s");

      assertThat(deleted.exitCode()).as(deleted.output()).isZero();
      assertThat(deleted.output()).contains("namespace \"team-x\" deleted");
      JarProcess.KubectlResult namespace = server.kubectl(home, "get", "namespace", "team-x");
      assertThat(namespace.exitCode()).isNotZero();
      assertThat(namespace.output()).contains("namespaces \"team-x\" not found");
      JarProcess.KubectlResult configMaps = server.kubectl(home, "get", "configmaps", "-n", "team-x");
      assertThat(configMaps.output()).contains("No resources found in team-x namespace.");
      JarProcess.KubectlResult pods = server.kubectl(home, "get", "pods", "-n", "team-x");
      assertThat(pods.output()).contains("No resources found in team-x namespace.");
      server.terminate();
    }
  }
}
