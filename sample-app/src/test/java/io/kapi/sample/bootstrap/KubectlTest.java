package io.kapi.sample.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code kubectl} against a tiny HTTPS server that uses the bootstrap's SSLContext. */
class KubectlTest {
  @TempDir Path dataDir;
  @TempDir Path home;

  private SecurityBootstrap security;
  private TinyHttpsServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void requireKubectl() {
    boolean available;
    try {
      Process process =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      available = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      available = false;
    }
    assumeTrue(available, "kubectl is not installed");
  }

  @BeforeEach
  void startServer() {
    security = SecurityBootstrap.prepare(dataDir, "127.0.0.1");
    server = new TinyHttpsServer(security.sslContext(), this::handle);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void kubectlReachesTheServerWithTheKubeconfig() throws Exception {
    Path kubeconfig = security.writeKubeconfig("127.0.0.1", server.port());

    Result result = kubectl(kubeconfig, "get", "--raw", "/healthz");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout().trim()).isEqualTo("ok");
    assertThat(requests).contains("/healthz authorized");
  }

  @Test
  void kubectlWithAnotherTokenIsRejected() throws Exception {
    Path kubeconfig = security.writeKubeconfig("127.0.0.1", server.port());
    String wrong = Files.readString(kubeconfig).replace(security.adminToken(), "not-the-token");
    Files.writeString(kubeconfig, wrong);

    Result result = kubectl(kubeconfig, "get", "--raw", "/healthz");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stdout()).doesNotContain("ok");
    assertThat(requests).contains("/healthz rejected");
  }

  private void handle(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    boolean authorized =
        ("Bearer " + security.adminToken())
            .equals(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
    requests.add(path + (authorized ? " authorized" : " rejected"));
    if (path.equals("/version")) {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
      exchange
          .getResponseSender()
          .send("{\"major\":\"1\",\"minor\":\"33\",\"gitVersion\":\"v1.33.0\"}");
    } else if (path.equals("/healthz") && authorized) {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
      exchange.getResponseSender().send("ok");
    } else if (path.equals("/healthz")) {
      exchange.setStatusCode(401);
      exchange.getResponseSender().send("Unauthorized");
    } else {
      exchange.setStatusCode(404);
      exchange.getResponseSender().send("not found");
    }
  }

  private Result kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("KUBECONFIG");
    builder.environment().put("HOME", home.toString());
    Path stdout = home.resolve("stdout");
    Path stderr = home.resolve("stderr");
    Process process =
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl did not finish within 60 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
