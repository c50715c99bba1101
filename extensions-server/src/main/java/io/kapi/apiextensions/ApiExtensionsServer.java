package io.kapi.apiextensions;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.undertow.server.HttpHandler;

/**
 * The {@code apiextensions-apiserver} of a chain: a {@link GenericApiServer} whose mux serves
 * {@code /apis} and the {@code /apis/} prefix with the custom-resource handler, as upstream wires
 * it. Requests for groups no established CRD serves go to the delegate (the final 404).
 */
public final class ApiExtensionsServer {
  /** The name the server logs under. */
  public static final String NAME = "apiextensions-apiserver";

  private final GenericApiServer server;

  private ApiExtensionsServer(GenericApiServer server) {
    this.server = server;
  }

  /** Builds the server in front of {@code delegate} (the end of the chain). */
  public static ApiExtensionsServer create(ServerConfig config, DelegationTarget delegate) {
    checkNotNull(config, "config");
    HttpHandler end = checkNotNull(delegate, "delegate").unprotectedHandler();
    checkNotNull(end, "the apiextensions-apiserver needs a delegate that answers unknown paths");
    GenericApiServer server = GenericApiServer.builder(NAME, config).delegate(delegate).build();
    CustomResourceHandler crdHandler = new CustomResourceHandler(end);
    server.handler().nonGoRestfulMux().handle("/apis", crdHandler);
    server.handler().nonGoRestfulMux().handlePrefix("/apis/", crdHandler);
    return new ApiExtensionsServer(server);
  }

  /** The generic server, to chain behind the kube-apiserver. */
  public GenericApiServer genericServer() {
    return server;
  }
}
