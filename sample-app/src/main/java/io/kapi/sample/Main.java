package io.kapi.sample;

import java.util.concurrent.CountDownLatch;
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
    Verbosity.apply(options.verbosity);
    KapiServer running;
    try {
      running =
          KapiServer.start(
              options.dataDir, options.bindAddress, options.securePort, options.storageBackend);
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
}
