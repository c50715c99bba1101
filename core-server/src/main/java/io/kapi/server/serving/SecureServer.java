package io.kapi.server.serving;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.SslClientAuthMode;

/**
 * Serves one handler (the outermost server's full handler chain) on an HTTPS listener with HTTP/2,
 * asking clients for a certificate without requiring one. {@link #close()} shuts down gracefully:
 * no new requests, in-flight ones finish (up to the grace period).
 *
 * <pre>{@code
 * SecureServer server = SecureServer.start(chain, sslContext, "127.0.0.1", 0);
 * int port = server.port();
 * }</pre>
 */
public final class SecureServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SecureServer.class);
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final Undertow undertow;
  private final GracefulShutdownHandler graceful;
  private final InetSocketAddress address;
  private boolean closed;

  private SecureServer(Undertow undertow, GracefulShutdownHandler graceful) {
    this.undertow = undertow;
    this.graceful = graceful;
    this.address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
  }

  /**
   * Binds {@code bindAddress:port} ({@code port} 0 picks a free port) and starts serving.
   *
   * @throws IllegalStateException if the address cannot be bound
   */
  public static SecureServer start(
      HttpHandler handler, SSLContext sslContext, String bindAddress, int port) {
    checkNotNull(handler, "handler");
    checkNotNull(sslContext, "sslContext");
    checkNotNull(bindAddress, "bindAddress");
    checkArgument(port >= 0 && port <= 65535, "port out of range: %s", port);
    GracefulShutdownHandler graceful = new GracefulShutdownHandler(handler);
    Undertow undertow =
        Undertow.builder()
            .addHttpsListener(port, bindAddress, sslContext)
            .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
            .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
            // no connection-level body limit (Undertow's default is 2 MiB and drops the
            // connection without a response): the handler chain answers 413 over its own limit
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
            .setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUESTED)
            .setHandler(graceful)
            .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot serve on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
    }
    SecureServer server = new SecureServer(undertow, graceful);
    log.info("Serving securely on {}", server.hostPort());
    return server;
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return address.getPort();
  }

  /** {@code host:port} of the listener, IPv6 hosts in brackets. */
  public String hostPort() {
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** Stops accepting requests, waits up to 10 s for in-flight ones, then stops. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    graceful.shutdown();
    try {
      if (!graceful.awaitShutdown(DEFAULT_GRACE.toMillis())) {
        log.warn("in-flight requests still running after {}; stopping anyway", DEFAULT_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    undertow.stop();
    log.info("Stopped serving on {}", hostPort());
  }
}
