package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against the sample server started in-process: what needs OpenAPI ({@code
 * explain}, {@code apply} with its strategic merge patch and server-side field validation) and
 * aggregated discovery ({@code api-resources}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlOpenApiIT {
  private Path home;
  private StartedServer server;
  private int cacheDirs;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    boolean available;
    try {
      Process process =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      available = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      available = false;
    }
    assumeTrue(available, "kubectl is not installed");
    home = Files.createDirectory(dir.resolve("home"));
    server = new StartedServer(Files.createDirectory(dir.resolve("data")), 0);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Result(int exitCode, String output) {}

  /** Runs kubectl with a fresh discovery and HTTP cache, so every call asks the server. */
  private Result kubectl(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", server.running.kubeconfig().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("KUBECACHEDIR", home.resolve("cache" + cacheDirs++).toString());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  private Result ok(String... args) throws Exception {
    Result result = kubectl(args);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result;
  }

  @Test
  void explainPrintsTheFieldDocumentationOfBuiltInKinds() throws Exception {
    String containers = ok("explain", "pod.spec.containers").output();
    assertThat(containers)
        .contains("KIND:", "Pod", "VERSION:", "v1", "FIELD: containers <[]Container>")
        .contains("List of containers belonging to the pod.")
        .containsPattern("\\n\\s+image\\s+<string>");

    String configMap = ok("explain", "configmap").output();
    assertThat(configMap)
        .contains("KIND:", "ConfigMap", "ConfigMap holds configuration data for pods to consume.")
        .containsPattern("\\n\\s+data\\s+<map\\[string\\]string>");
  }

  @Test
  void apiResourcesReadsAggregatedDiscovery() throws Exception {
    String output = ok("api-resources", "-v=6").output();

    assertThat(output)
        .containsPattern("verb=\"GET\" url=\"https://[^\"]+/api\\?timeout=32s\" status=\"200 OK\"")
        .containsPattern("verb=\"GET\" url=\"https://[^\"]+/apis\\?timeout=32s\" status=\"200 OK\"")
        .doesNotContain("/api/v1?timeout");
    assertThat(output).containsPattern("\\npods\\s+po\\s+v1\\s+true\\s+Pod\\n");
    assertThat(output).containsPattern("\\nnamespaces\\s+ns\\s+v1\\s+false\\s+Namespace\\n");
    assertThat(output).containsPattern("\\nconfigmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap\\n");
  }

  @Test
  void applyCreatesThenPatchesAConfigMap() throws Exception {
    Path file = home.resolve("cm.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: demo
        data:
          color: red
          size: small
        """);
    assertThat(ok("apply", "-f", file.toString()).output()).contains("configmap/demo created");

    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: demo
        data:
          color: blue
        """);
    Result patched = ok("apply", "-f", file.toString(), "-v=6");
    assertThat(patched.output())
        .contains("configmap/demo configured")
        .containsPattern(
            "verb=\"PATCH\" url=\"https://[^\"]+/api/v1/namespaces/default/configmaps/demo\\?"
                + "fieldManager=kubectl-client-side-apply&fieldValidation=Strict\" status=\"200 OK\"");

    String yaml = ok("get", "configmap", "demo", "-o", "yaml").output();
    assertThat(yaml).contains("color: blue").doesNotContain("size: small");
  }

  @Test
  void strictValidationRejectsUnknownFieldsWithUpstreamsError() throws Exception {
    Path file = home.resolve("pod.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: strict
        spec:
          foo: 1
          containers:
          - name: c
            image: nginx
        """);

    Result strict = kubectl("apply", "--validate=strict", "-f", file.toString());

    assertThat(strict.exitCode()).isNotZero();
    assertThat(strict.output())
        .contains(
            "Error from server (BadRequest): error when creating \"" + file + "\": Pod in version"
                + " \"v1\" cannot be handled as a Pod: strict decoding error: unknown field"
                + " \"spec.foo\"");
    assertThat(kubectl("get", "pod", "strict").output()).contains("NotFound");

    Result warned = ok("apply", "--validate=warn", "-f", file.toString());
    assertThat(warned.output())
        .contains("Warning: unknown field \"spec.foo\"")
        .contains("pod/strict created");
  }

  /**
   * kubectl validates a {@code kind: List} file itself, against the protobuf OpenAPI v2 document
   * (its v3 route does not cover List); the list it then reads back is over 128 KiB and arrives
   * gzip-compressed.
   */
  @Test
  void applyOfAListFileIsValidatedAgainstOpenApiV2AndLargeListsArriveCompressed()
      throws Exception {
    Path bad = home.resolve("bad-list.yaml");
    Path good = home.resolve("list.yaml");
    Files.writeString(bad, configMapList(3, "  bogus: 1\n"));
    Files.writeString(good, configMapList(150, ""));

    Result rejected = kubectl("apply", "-f", bad.toString());

    assertThat(rejected.exitCode()).isNotZero();
    assertThat(rejected.output())
        .contains(
            "error validating data: ValidationError(ConfigMap): unknown field \"bogus\" in"
                + " io.k8s.api.core.v1.ConfigMap");
    assertThat(kubectl("get", "configmap", "listed-0").output()).contains("NotFound");

    Result applied = ok("apply", "-f", good.toString());
    assertThat(applied.output())
        .contains("configmap/listed-0 created")
        .contains("configmap/listed-149 created");

    Result listed = ok("get", "configmaps", "-l", "from=list", "-o", "name", "-v=8");
    assertThat(listed.output().lines().filter(line -> line.startsWith("configmap/listed-")))
        .hasSize(150);
    assertThat(listed.output()).contains("Vary: Accept-Encoding");
  }

  private static String configMapList(int items, String extraField) {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < items; i++) {
      yaml.append("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n")
          .append("    name: listed-")
          .append(i)
          .append("\n    labels:\n      from: list\n")
          .append(extraField)
          .append("  data:\n    payload: ")
          .append("y".repeat(1_000))
          .append('\n');
    }
    return yaml.toString();
  }
}
