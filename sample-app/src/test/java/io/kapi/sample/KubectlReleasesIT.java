package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kapi.sample.JarProcess.KubectlResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The everyday commands with every kubectl release the machine carries next to its default
 * {@code kubectl} (the Google Cloud CLI ships {@code kubectl.1.27} … {@code kubectl.1.33}): older
 * clients use other discovery, OpenAPI and printing paths, and users run all of them against a
 * v1.33 server. A release that is not installed is reported as skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlReleasesIT {
  @TempDir static Path dataDir;
  private JarProcess server;

  @BeforeAll
  void start() throws Exception {
    server = new JarProcess(dataDir);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "kubectl {0}")
  @ValueSource(strings = {"1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33"})
  void everydayCommandsWork(String release) throws Exception {
    Optional<Path> binary = installedRelease(release);
    assumeTrue(binary.isPresent(), "kubectl." + release + " is not installed next to kubectl");
    Path home = Files.createTempDirectory(dataDir, "home-" + release);
    Session kubectl = new Session(binary.get(), home);
    String ns = "release-" + release.replace('.', '-');

    assertThat(kubectl.ok("version").output()).contains("v1.33.0");
    assertThat(kubectl.ok("api-resources").output())
        .containsPattern("configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap")
        .containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
    assertThat(kubectl.ok("create", "namespace", ns).output())
        .contains("namespace/" + ns + " created");

    assertThat(kubectl.ok("-n", ns, "create", "configmap", "c1", "--from-literal=k=v").output())
        .contains("configmap/c1 created");
    Path manifest =
        Files.writeString(
            home.resolve("applied.yaml"),
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: applied
              labels: {app: demo}
            data:
              a: "1"
            """);
    assertThat(kubectl.ok("-n", ns, "apply", "-f", manifest.toString()).output())
        .contains("configmap/applied created");
    Files.writeString(manifest, Files.readString(manifest).replace("\"1\"", "\"2\""));
    assertThat(kubectl.ok("-n", ns, "apply", "-f", manifest.toString()).output())
        .contains("configmap/applied configured");
    assertThat(kubectl.ok("-n", ns, "get", "cm", "-l", "app=demo", "-o", "jsonpath={.items[*].data.a}")
            .output())
        .isEqualTo("2");

    assertThat(kubectl.ok("-n", ns, "label", "cm", "c1", "tier=x").output())
        .contains("configmap/c1 labeled");
    assertThat(kubectl.ok("-n", ns, "patch", "cm", "c1", "-p", "{\"data\":{\"z\":\"1\"}}").output())
        .contains("configmap/c1 patched");
    assertThat(kubectl.ok("-n", ns, "get", "cm", "c1", "-o", "jsonpath={.metadata.labels.tier} {.data}")
            .output())
        .isEqualTo("x {\"k\":\"v\",\"z\":\"1\"}");
    assertThat(kubectl.ok("-n", ns, "get", "cm", "--chunk-size=1", "-o", "name").output().lines())
        .containsExactly("configmap/applied", "configmap/c1");

    assertThat(kubectl.ok("-n", ns, "run", "web", "--image=nginx:1.27").output())
        .contains("pod/web created");
    assertThat(kubectl.ok("-n", ns, "get", "pods", "-o", "wide").output())
        .containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE")
        .containsPattern("web\\s+0/1\\s+Pending\\s+0\\s+\\S+\\s+<none>\\s+<none>");
    assertThat(kubectl.ok("explain", "pod.spec.containers.image").output())
        .contains("KIND:", "Pod", "image", "<string>");
    assertThat(kubectl.ok("-n", ns, "delete", "pod", "web").output()).contains("pod \"web\" deleted");
    kubectl.ok("-n", ns, "wait", "--for=delete", "pod/web", "--timeout=30s");

    assertThat(kubectl.ok("delete", "namespace", ns, "--timeout=60s").output())
        .contains("namespace \"" + ns + "\" deleted");
    KubectlResult gone = kubectl.run("get", "namespace", ns);
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.output())
        .contains("Error from server (NotFound): namespaces \"" + ns + "\" not found");
  }

  /** {@code kubectl.<release>} in the directory of the {@code kubectl} found on the PATH. */
  private static Optional<Path> installedRelease(String release) throws IOException {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path kubectl = Path.of(dir).resolve("kubectl");
      if (!dir.isEmpty() && Files.isExecutable(kubectl)) {
        Path candidate = kubectl.toRealPath().resolveSibling("kubectl." + release);
        return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** One release's commands, with its own HOME and discovery cache. */
  private final class Session {
    private final Path binary;
    private final Path home;

    Session(Path binary, Path home) {
      this.binary = binary;
      this.home = home;
    }

    KubectlResult run(String... args) throws Exception {
      return server.kubectl(binary, home, args);
    }

    KubectlResult ok(String... args) throws Exception {
      KubectlResult result = run(args);
      assertThat(result.exitCode())
          .as("%s %s: %s", binary.getFileName(), String.join(" ", args), result.output())
          .isZero();
      return result;
    }
  }
}
