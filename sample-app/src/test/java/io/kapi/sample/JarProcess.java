package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code kapi-server.jar} running as a child process on a free port, as a user starts
 * it; the test waits for its "serving on" line.
 */
final class JarProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving on https://([^\\s]+)");

  final Process process;
  final Path dataDir;
  final String hostPort;
  private final Path log;

  JarProcess(Path dataDir, String... extraArgs) throws Exception {
    this.dataDir = dataDir;
    String jar = System.getProperty("kapi.server.jar", "target/kapi-server.jar");
    assertThat(Path.of(jar)).as("the packaged server jar").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.add("--secure-port=0");
    command.add("--data-dir=" + dataDir);
    command.addAll(List.of(extraArgs));
    // output goes to a file: reading a child's pipe while it exits can lose the last lines
    log = Files.createTempFile("kapi-server", ".log");
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String found = null;
    while (found == null && System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(output());
      if (m.find()) {
        found = m.group(1);
      } else if (!process.isAlive()) {
        throw new IllegalStateException("server exited: " + output());
      } else {
        Thread.sleep(50);
      }
    }
    if (found == null) {
      throw new IllegalStateException("server did not start within 60 s: " + output());
    }
    hostPort = found;
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path kubeconfig() {
    return dataDir.resolve("kubeconfig");
  }

  /** Runs {@code kubectl --kubeconfig <ours> args...} with a private cache; returns exit code and output. */
  KubectlResult kubectl(Path home, String... args) throws Exception {
    return kubectl(home, Map.of(), args);
  }

  /** As {@link #kubectl(Path, String...)}, with extra environment variables (e.g. KUBE_EDITOR). */
  KubectlResult kubectl(Path home, Map<String, String> env, String... args) throws Exception {
    return run(kubectlBuilder("kubectl", home, env, args));
  }

  /** As {@link #kubectl(Path, String...)} with another kubectl binary (another release). */
  KubectlResult kubectl(Path binary, Path home, String... args) throws Exception {
    return run(kubectlBuilder(binary.toString(), home, Map.of(), args));
  }

  private static KubectlResult run(ProcessBuilder command) throws Exception {
    Process kubectl = command.start();
    String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
    return new KubectlResult(kubectl.exitValue(), out);
  }

  /**
   * Starts a long-running kubectl ({@code get -w}, {@code wait}) whose combined output goes to
   * {@code output}; the caller waits for and ends it.
   */
  Process startKubectl(Path home, Path output, String... args) throws IOException {
    return kubectlBuilder("kubectl", home, Map.of(), args).redirectOutput(output.toFile()).start();
  }

  private ProcessBuilder kubectlBuilder(
      String binary, Path home, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.add("--kubeconfig=" + kubeconfig());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("KUBECACHEDIR", home.resolve("cache").toString());
    builder.environment().remove("KUBECONFIG");
    builder.environment().putAll(env);
    return builder;
  }

  record KubectlResult(int exitCode, String output) {}

  /** Sends SIGTERM and waits for the process to end. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("server did not stop on SIGTERM: " + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(log);
  }
}
