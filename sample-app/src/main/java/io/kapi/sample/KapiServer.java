package io.kapi.sample;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.aggregator.Aggregator;
import io.kapi.sample.bootstrap.SecurityBootstrap;
import io.kapi.server.ServerConfig;
import io.kapi.server.authn.AuthenticatedGroupAdder;
import io.kapi.server.authn.Authenticator;
import io.kapi.server.authn.BearerTokenAuthenticator;
import io.kapi.server.authn.ClientCertificateAuthenticator;
import io.kapi.server.authn.UnionAuthenticator;
import io.kapi.server.authn.UserInfo;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.serving.SecureServer;
import io.kapi.server.storage.Storage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sample API server, started: credentials prepared in the data directory, the chain wired by
 * {@link KapiServerComponent}, served over HTTPS, and a kubeconfig written for the bound port. What
 * {@link Main} runs, and what tests and benchmarks start in-process.
 *
 * <pre>{@code
 * try (KapiServer server = KapiServer.start(Path.of("data"), "127.0.0.1", 0)) {
 *   System.out.println(server.kubeconfig());
 * }
 * }</pre>
 */
public final class KapiServer implements AutoCloseable {
  private final SecureServer server;
  private final SecurityBootstrap security;
  private final Path kubeconfig;
  private final Storage storage;
  private final KubeApiServer kube;

  private KapiServer(
      SecureServer server,
      SecurityBootstrap security,
      Path kubeconfig,
      Storage storage,
      KubeApiServer kube) {
    this.server = server;
    this.security = security;
    this.kubeconfig = kubeconfig;
    this.storage = storage;
    this.kube = kube;
  }

  /**
   * Prepares credentials in {@code dataDir}, wires the chain and serves it on
   * {@code bindAddress:port} ({@code port} 0 picks a free one).
   *
   * @throws IllegalStateException if the address cannot be bound or the data directory is unusable
   */
  public static KapiServer start(Path dataDir, String bindAddress, int port) {
    return start(dataDir, bindAddress, port, StorageBackend.SQLITE);
  }

  /** Like {@link #start(Path, String, int)} with the given storage backend. */
  public static KapiServer start(
      Path dataDir, String bindAddress, int port, StorageBackend backend) {
    checkNotNull(dataDir, "dataDir");
    checkNotNull(bindAddress, "bindAddress");
    checkNotNull(backend, "backend");
    Path dir = dataDir.toAbsolutePath().normalize();
    SecurityBootstrap security = SecurityBootstrap.prepare(dir, bindAddress);
    AtomicReference<String> advertised = new AtomicReference<>(bindAddress + ":" + port);
    ServerConfig config =
        ServerConfig.defaults(advertised::get).withAuthentication(adminAuthenticator(security));
    Storage storage = backend.open(dir);
    KubeApiServer kube = null;
    try {
      KapiServerComponent component = DaggerKapiServerComponent.factory().create(config, storage);
      kube = component.kubeApiServer();
      Aggregator aggregator = component.aggregator();
      SecureServer server =
          SecureServer.start(
              aggregator.genericServer().handler().fullHandlerChain(),
              security.sslContext(),
              bindAddress,
              port);
      advertised.set(server.hostPort());
      return new KapiServer(
          server, security, security.writeKubeconfig(bindAddress, server.port()), storage, kube);
    } catch (RuntimeException e) {
      if (kube != null) {
        kube.close();
      }
      storage.close();
      throw e;
    }
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

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** {@code host:port} the server listens on. */
  public String hostPort() {
    return server.hostPort();
  }

  /** The kubeconfig that reaches this server as the admin. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The credentials and TLS material in the data directory. */
  public SecurityBootstrap security() {
    return security;
  }

  /**
   * Shuts down gracefully: no new requests, in-flight ones finish, the namespace controller and
   * the core stores stop, then the storage closes.
   */
  @Override
  public void close() {
    server.close();
    kube.close();
    storage.close();
  }
}
