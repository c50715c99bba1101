package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.sample.JarProcess.KubectlResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The everyday kubectl workflow against one packaged server on SQLite: every command an operator
 * types, asserted on what kubectl prints and on what the server then holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlWorkflowIT {
  @TempDir static Path dataDir;
  private JarProcess server;
  @TempDir Path home;

  @BeforeAll
  void start() throws Exception {
    server = new JarProcess(dataDir);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  private KubectlResult ok(String... args) throws Exception {
    KubectlResult result = server.kubectl(home, args);
    assertThat(result.exitCode()).as("kubectl %s: %s", String.join(" ", args), result.output()).isZero();
    return result;
  }

  private KubectlResult fails(String... args) throws Exception {
    KubectlResult result = server.kubectl(home, args);
    assertThat(result.exitCode()).as("kubectl %s: %s", String.join(" ", args), result.output()).isNotZero();
    return result;
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(home.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void createCommandsForConfigMapsSecretsAndNamespaces() throws Exception {
    assertThat(ok("create", "configmap", "settings", "--from-literal=color=blue", "--from-literal=size=L").output())
        .contains("configmap/settings created");
    assertThat(ok("create", "secret", "generic", "db", "--from-literal=password=s3cret").output())
        .contains("secret/db created");
    assertThat(ok("create", "namespace", "team-create").output()).contains("namespace/team-create created");

    assertThat(ok("get", "configmap", "settings", "-o", "jsonpath={.data.color}/{.data.size}").output())
        .isEqualTo("blue/L");
    String stored = ok("get", "secret", "db", "-o", "jsonpath={.data.password} {.type}").output();
    assertThat(stored).isEqualTo(Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)) + " Opaque");
    assertThat(ok("get", "namespace", "team-create", "-o", "jsonpath={.status.phase}").output()).isEqualTo("Active");

    KubectlResult again = fails("create", "configmap", "settings", "--from-literal=color=red");
    assertThat(again.output())
        .contains("error: failed to create configmap: configmaps \"settings\" already exists");
    assertThat(ok("get", "configmap", "settings", "-o", "jsonpath={.data.color}").output()).isEqualTo("blue");
  }

  @Test
  void getPrintsEveryOutputFormat() throws Exception {
    ok("create", "configmap", "formats", "--from-literal=k=v");
    ok("run", "formatpod", "--image=nginx:1.27", "--labels=app=formats");

    assertThat(ok("get", "configmap", "formats", "-o", "yaml").output())
        .contains("apiVersion: v1", "kind: ConfigMap", "  name: formats", "  k: v", "resourceVersion:", "uid:");
    assertThat(ok("get", "configmap", "formats", "-o", "json").output())
        .contains("\"kind\": \"ConfigMap\"", "\"k\": \"v\"", "\"creationTimestamp\":");
    assertThat(ok("get", "configmaps", "-o", "name").output().lines()).contains("configmap/formats");
    assertThat(ok("get", "pods", "-l", "app=formats", "-o", "wide").output())
        .containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES")
        .containsPattern("formatpod\\s+0/1\\s+Pending\\s+0\\s+\\S+\\s+<none>\\s+<none>\\s+<none>\\s+<none>");
    assertThat(ok("get", "cm", "formats").output())
        .containsPattern("NAME\\s+DATA\\s+AGE")
        .containsPattern("formats\\s+1\\s+");
    assertThat(fails("get", "configmap", "missing").output())
        .contains("Error from server (NotFound): configmaps \"missing\" not found");
  }

  @Test
  void applyCreatesThenPatchesAChangedFile() throws Exception {
    Path manifest =
        file(
            "applied.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: applied
              labels:
                tier: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
              - name: sidecar
                image: busybox:1.36
            """);
    assertThat(ok("apply", "-f", manifest.toString()).output()).contains("pod/applied created");
    assertThat(ok("apply", "-f", manifest.toString()).output()).contains("pod/applied unchanged");

    Files.writeString(
        manifest,
        Files.readString(manifest).replace("nginx:1.27", "nginx:1.28").replace("tier: web", "tier: edge"));
    assertThat(ok("apply", "-f", manifest.toString()).output()).contains("pod/applied configured");
    assertThat(
            ok("get", "pod", "applied", "-o",
                    "jsonpath={.metadata.labels.tier} {.spec.containers[*].name} {.spec.containers[*].image}")
                .output())
        .isEqualTo("edge web sidecar nginx:1.28 busybox:1.36");
    assertThat(ok("get", "pod", "applied", "-o", "yaml").output())
        .contains("kubectl.kubernetes.io/last-applied-configuration");
  }

  @Test
  void strictValidationRejectsAnUnknownFieldAndWritesNothing() throws Exception {
    Path manifest =
        file(
            "strict.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: strict
            data:
              a: b
            colour: blue
            """);
    KubectlResult result = fails("apply", "--validate=strict", "-f", manifest.toString());
    assertThat(result.output()).contains("unknown field \"colour\"");
    assertThat(fails("get", "configmap", "strict").output()).contains("NotFound");
  }

  @Test
  void patchOfEveryTypeLabelAndAnnotate() throws Exception {
    ok("create", "configmap", "patched", "--from-literal=color=blue");
    assertThat(
            ok("patch", "configmap", "patched", "--type=json",
                    "-p", "[{\"op\":\"replace\",\"path\":\"/data/color\",\"value\":\"red\"}]")
                .output())
        .contains("configmap/patched patched");
    assertThat(ok("patch", "configmap", "patched", "--type=merge", "-p", "{\"data\":{\"size\":\"XL\"}}").output())
        .contains("configmap/patched patched");
    assertThat(ok("get", "configmap", "patched", "-o", "jsonpath={.data.color}/{.data.size}").output())
        .isEqualTo("red/XL");

    ok("run", "patchpod", "--image=nginx:1.27");
    assertThat(
            ok("patch", "pod", "patchpod", "--type=strategic",
                    "-p", "{\"spec\":{\"containers\":[{\"name\":\"patchpod\",\"image\":\"nginx:1.29\"}]}}")
                .output())
        .contains("pod/patchpod patched");
    assertThat(ok("get", "pod", "patchpod", "-o", "jsonpath={.spec.containers[*].name}={.spec.containers[*].image}").output())
        .isEqualTo("patchpod=nginx:1.29");

    assertThat(ok("label", "configmap", "patched", "team=blue").output()).contains("configmap/patched labeled");
    assertThat(ok("annotate", "configmap", "patched", "owner=ops").output()).contains("configmap/patched annotated");
    assertThat(ok("get", "configmap", "patched", "-o", "jsonpath={.metadata.labels.team} {.metadata.annotations.owner}").output())
        .isEqualTo("blue ops");
    assertThat(fails("patch", "configmap", "patched", "--type=json", "-p", "[{\"op\":\"test\",\"path\":\"/data/color\",\"value\":\"green\"}]").output())
        .contains("The request is invalid");
    assertThat(ok("get", "configmap", "patched", "-o", "jsonpath={.data.color}").output()).isEqualTo("red");
  }

  @Test
  void editWithAScriptedEditor() throws Exception {
    ok("create", "configmap", "edited", "--from-literal=color=blue");
    Path editor = file("editor.sh", "#!/bin/sh\nsed -i 's/color: blue/color: green/' \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
    KubectlResult edit = server.kubectl(home, Map.of("KUBE_EDITOR", editor.toString()), "edit", "configmap", "edited");
    assertThat(edit.exitCode()).as(edit.output()).isZero();
    assertThat(edit.output()).contains("configmap/edited edited");
    assertThat(ok("get", "configmap", "edited", "-o", "jsonpath={.data.color}").output()).isEqualTo("green");
  }

  @Test
  void deleteANamespaceTakesItsContentsWithIt() throws Exception {
    ok("create", "namespace", "doomed");
    ok("create", "configmap", "inside", "-n", "doomed", "--from-literal=a=b");
    ok("create", "secret", "generic", "inside", "-n", "doomed", "--from-literal=a=b");
    ok("run", "inside", "-n", "doomed", "--image=nginx:1.27");
    assertThat(ok("delete", "namespace", "doomed").output()).contains("namespace \"doomed\" deleted");
    assertThat(fails("get", "namespace", "doomed").output())
        .contains("Error from server (NotFound): namespaces \"doomed\" not found");
    assertThat(ok("get", "configmaps,secrets,pods", "-n", "doomed", "-o", "name").output()).isEmpty();
    assertThat(ok("get", "configmaps", "-A", "-o", "name").output()).doesNotContain("configmap/inside");
  }

  @Test
  void deleteRemovesAndAnswersNotFoundAfterwards() throws Exception {
    ok("create", "configmap", "short-lived", "--from-literal=a=b");
    assertThat(ok("delete", "configmap", "short-lived").output()).contains("configmap \"short-lived\" deleted");
    assertThat(fails("delete", "configmap", "short-lived").output())
        .contains("Error from server (NotFound): configmaps \"short-lived\" not found");
  }

  @Test
  void getWatchSeesAChangeMadeByAnotherCommand() throws Exception {
    ok("create", "configmap", "watched", "--from-literal=v=1");
    Path out = home.resolve("watch.out");
    Process watch =
        server.startKubectl(home, out, "get", "configmap", "watched", "-w", "-o", "jsonpath={.metadata.name}={.data.v}{\"\\n\"}");
    try {
      awaitOutput(out, text -> text.contains("watched=1"));
      ok("patch", "configmap", "watched", "--type=merge", "-p", "{\"data\":{\"v\":\"2\"}}");
      awaitOutput(out, text -> text.contains("watched=2"));
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(out).lines()).containsSubsequence("watched=1", "watched=2");
  }

  @Test
  void waitForDeleteReturnsOnceTheObjectIsGone() throws Exception {
    ok("run", "waited", "--image=nginx:1.27");
    Path out = home.resolve("wait.out");
    Process wait = server.startKubectl(home, out, "wait", "--for=delete", "pod/waited", "--timeout=60s");
    try {
      Thread.sleep(500);
      assertThat(wait.isAlive()).as("wait is still waiting: %s", Files.readString(out)).isTrue();
      ok("delete", "pod", "waited", "--wait=false");
      assertThat(wait.waitFor(60, TimeUnit.SECONDS)).as("kubectl wait ended").isTrue();
    } finally {
      wait.destroyForcibly();
    }
    assertThat(wait.exitValue()).as(Files.readString(out)).isZero();
    assertThat(Files.readString(out)).contains("pod/waited condition met");
  }

  @Test
  void apiResourcesAndExplainDescribeTheBuiltInKinds() throws Exception {
    String resources = ok("api-resources").output();
    assertThat(resources)
        .containsPattern("NAME\\s+SHORTNAMES\\s+APIVERSION\\s+NAMESPACED\\s+KIND")
        .containsPattern("(?m)^configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap$")
        .containsPattern("(?m)^namespaces\\s+ns\\s+v1\\s+false\\s+Namespace$")
        .containsPattern("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod$")
        .containsPattern("(?m)^services\\s+svc\\s+v1\\s+true\\s+Service$");
    String explain = ok("explain", "pod.spec.containers").output();
    assertThat(explain)
        .contains("KIND:       Pod", "VERSION:    v1")
        .containsPattern("FIELD: containers <\\[\\]Container>")
        .contains("DESCRIPTION:", "image\t<string>");
  }

  private static void awaitOutput(Path out, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String text = "";
    while (System.nanoTime() < deadline) {
      text = Files.exists(out) ? Files.readString(out) : "";
      if (condition.test(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("kubectl never printed the expected line; it printed: " + text);
  }
}
