package io.kapi.server.authn;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.xnio.Options;
import org.xnio.SslClientAuthMode;

/**
 * A real Undertow HTTPS listener on 127.0.0.1 and an ephemeral port that wants (not needs) client
 * certificates and answers every request with the user its authenticator found: 200 {@code
 * name=<name>;groups=<g1,g2>} or 401 {@code unauthenticated}. It also echoes whether the
 * Authorization header was still present after authentication.
 */
final class HttpsTestServer implements AutoCloseable {
  private final Undertow undertow;
  private final int port;

  HttpsTestServer(SSLContext serverContext, Authenticator authenticator) {
    undertow =
        Undertow.builder()
            .addHttpsListener(0, "127.0.0.1", serverContext)
            .setSocketOption(Options.SSL_CLIENT_AUTH_MODE, SslClientAuthMode.REQUESTED)
            .setIoThreads(1)
            .setWorkerThreads(2)
            .setHandler(
                exchange -> {
                  Optional<UserInfo> user = authenticator.authenticate(exchange);
                  exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                  exchange
                      .getResponseHeaders()
                      .put(
                          new HttpString("X-Authorization-Left"),
                          String.valueOf(
                              exchange.getRequestHeaders().contains(Headers.AUTHORIZATION)));
                  if (user.isEmpty()) {
                    exchange.setStatusCode(401);
                    exchange.getResponseSender().send("unauthenticated");
                  } else {
                    exchange
                        .getResponseSender()
                        .send(
                            "name="
                                + user.get().name()
                                + ";groups="
                                + String.join(",", user.get().groups()));
                  }
                })
            .build();
    undertow.start();
    port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  URI uri() {
    return URI.create("https://127.0.0.1:" + port + "/api");
  }

  /** Sends one GET with {@code client}, with an Authorization header unless it is empty. */
  HttpResponse<String> get(HttpClient client, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri()).timeout(Duration.ofSeconds(10));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpClient client(SSLContext clientContext) {
    return HttpClient.newBuilder()
        .sslContext(clientContext)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
