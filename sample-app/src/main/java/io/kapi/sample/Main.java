package io.kapi.sample;

import io.kapi.aggregator.Aggregator;
import io.kapi.sample.bootstrap.SecurityBootstrap;
import io.kapi.server.ServerConfig;
import io.kapi.server.authn.AuthenticatedGroupAdder;
import io.kapi.server.authn.Authenticator;
import io.kapi.server.authn.BearerTokenAuthenticator;
import io.kapi.server.authn.ClientCertificateAuthenticator;
import io.kapi.server.authn.UnionAuthenticator;
import io.kapi.server.authn.UserInfo;
import io.kapi.server.serving.SecureServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the sample API server: {@code java -jar kapi-server.jar [--secure-port=6443]
 * [--bind-address=127.0.0.1] [--data-dir=./data] [-v=N]}. Prints the {@code kubectl} command to use
 * and serves until SIGTERM/SIGINT, then shuts down gracefully.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    ServerOptions options = new ServerOptions();
    CommandLine commandLine = new CommandLine(options);
    options.action = () -> serveUntilStopped(options);
    System.exit(commandLine.execute(args));
  }

  private static int serveUntilStopped(ServerOptions options) throws InterruptedException {
    RunningServer running;
    try {
      running = start(options);
    } catch (RuntimeException e) {
      log.error("cannot start: {}", e.getMessage(), e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "kapi-shutdown"));
    System.out.println(
        "Kapi API server is serving on https://" + running.hostPort() + "\n"
            + "Point kubectl at it with:\n"
            + "  kubectl --kubeconfig " + running.kubeconfig() + " api-versions\n"
            + "or: export KUBECONFIG=" + running.kubeconfig());
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** Prepares credentials, wires the chain and starts serving; used by tests too. */
  static RunningServer start(ServerOptions options) {
    Verbosity.apply(options.verbosity);
    Path dataDir = options.dataDir.toAbsolutePath().normalize();
    SecurityBootstrap security = SecurityBootstrap.prepare(dataDir, options.bindAddress);
    AtomicReference<String> advertised =
        new AtomicReference<>(options.bindAddress + ":" + options.securePort);
    ServerConfig config =
        ServerConfig.defaults(advertised::get).withAuthentication(adminAuthenticator(security));
    Aggregator aggregator = DaggerKapiServerComponent.factory().create(config).aggregator();
    SecureServer server =
        SecureServer.start(
            aggregator.genericServer().handler().fullHandlerChain(),
            security.sslContext(),
            options.bindAddress,
            options.securePort);
    advertised.set(server.hostPort());
    Path kubeconfig = security.writeKubeconfig(options.bindAddress, server.port());
    return new RunningServer(server, kubeconfig);
  }

  /** The admin's bearer token, or any client certificate the data directory's CA signed. */
  private static Authenticator adminAuthenticator(SecurityBootstrap security) {
    UserInfo admin =
        UserInfo.of(SecurityBootstrap.ADMIN_USER, List.of(SecurityBootstrap.ADMIN_GROUP));
    return new AuthenticatedGroupAdder(
        new UnionAuthenticator(
            List.of(
                new BearerTokenAuthenticator(Map.of(security.adminToken(), admin)),
                new ClientCertificateAuthenticator(List.of(security.caCertificate())))));
  }

  /** A started server and the kubeconfig that reaches it. */
  record RunningServer(SecureServer server, Path kubeconfig) implements AutoCloseable {
    String hostPort() {
      return server.hostPort();
    }

    int port() {
      return server.port();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
