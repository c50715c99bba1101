package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the packaged jar, using the kubeconfig the server writes. */
class KubectlEndToEndIT {
  @TempDir Path dataDir;
  @TempDir Path home;

  @Test
  void kubectlVersionAndApiVersionsWorkWithTheWrittenKubeconfig() throws Exception {
    try (JarProcess server = new JarProcess(dataDir)) {
      assertThat(server.output()).contains("kubectl --kubeconfig " + dataDir.resolve("kubeconfig"));
      String kubeconfig = Files.readString(server.kubeconfig());
      assertThat(kubeconfig).contains("https://" + server.hostPort);

      JarProcess.KubectlResult version = server.kubectl(home, "version");
      assertThat(version.exitCode()).as(version.output()).isZero();
      assertThat(version.output()).contains("Client Version:", "Server Version: v1.33.0");

      JarProcess.KubectlResult apiVersions = server.kubectl(home, "api-versions");
      assertThat(apiVersions.exitCode()).as(apiVersions.output()).isZero();
      assertThat(apiVersions.output().lines()).contains("v1");

      JarProcess.KubectlResult raw = server.kubectl(home, "get", "--raw", "/healthz");
      assertThat(raw.output()).isEqualTo("ok");

      int exit = server.terminate();
      assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
      assertThat(server.output()).contains("Stopped serving on");
    }
  }

  @Test
  void aSecondStartReusesCredentialsAndAStrangerIsRejected() throws Exception {
    String token;
    try (JarProcess first = new JarProcess(dataDir)) {
      token = Files.readString(dataDir.resolve("admin.token")).trim();
      first.terminate();
    }
    try (JarProcess second = new JarProcess(dataDir)) {
      assertThat(Files.readString(dataDir.resolve("admin.token")).trim()).isEqualTo(token);
      JarProcess.KubectlResult ok = second.kubectl(home, "api-versions");
      assertThat(ok.exitCode()).as(ok.output()).isZero();

      Path stranger = home.resolve("stranger-kubeconfig");
      Files.writeString(
          stranger,
          Files.readString(second.kubeconfig()).replace(token, "not-the-token"));
      ProcessBuilder pb =
          new ProcessBuilder("kubectl", "--kubeconfig=" + stranger, "get", "--raw", "/api")
              .redirectErrorStream(true);
      pb.environment().put("HOME", home.toString());
      pb.environment().put("KUBECACHEDIR", home.resolve("cache2").toString());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      assertThat(p.exitValue()).isNotZero();
      assertThat(out).contains("Unauthorized");
    }
  }

  @Test
  void objectsCreatedWithKubectlSurviveARestartOnSqlite() throws Exception {
    try (JarProcess server = new JarProcess(dataDir)) {
      assertThat(server.kubectl(home, "get", "namespaces", "-o", "name").output().lines())
          .contains("namespace/default", "namespace/kube-system", "namespace/kube-public");
      JarProcess.KubectlResult systemDelete = server.kubectl(home, "delete", "namespace", "kube-system");
      assertThat(systemDelete.exitCode()).isNotZero();
      assertThat(systemDelete.output())
          .contains(
              "Error from server (Forbidden): namespaces \"kube-system\" is forbidden: "
                  + "this namespace may not be deleted");
      JarProcess.KubectlResult run = server.kubectl(home, "run", "web", "--image=nginx:1.27");
      assertThat(run.output()).contains("pod/web created");
      assertThat(server.kubectl(home, "label", "pod", "web", "tier=front").output())
          .contains("pod/web labeled");
      JarProcess.KubectlResult table = server.kubectl(home, "get", "pods", "-l", "tier=front");
      assertThat(table.output())
          .containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE")
          .containsPattern("web\\s+0/1\\s+Pending\\s+0");
      server.terminate();
    }
    try (JarProcess restarted = new JarProcess(dataDir)) {
      JarProcess.KubectlResult yaml =
          restarted.kubectl(home, "get", "pod", "web", "-o", "jsonpath={.metadata.labels.tier} {.spec.containers[0].image}");
      assertThat(yaml.output()).isEqualTo("front nginx:1.27");
      assertThat(restarted.kubectl(home, "delete", "pod", "web").output())
          .contains("pod \"web\" deleted");
      assertThat(restarted.kubectl(home, "get", "pods").output())
          .contains("No resources found in default namespace.");
    }
  }

  @Test
  void theMemoryBackendForgetsObjectsAtExit() throws Exception {
    try (JarProcess server = new JarProcess(dataDir, "--storage-backend=memory")) {
      assertThat(server.kubectl(home, "run", "tmp", "--image=busybox").output())
          .contains("pod/tmp created");
      server.terminate();
    }
    try (JarProcess again = new JarProcess(dataDir, "--storage-backend=memory")) {
      assertThat(again.kubectl(home, "get", "pods").output())
          .contains("No resources found in default namespace.");
    }
  }
}
