package io.kapi.server.testing;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A handler served by a plain-HTTP Undertow on 127.0.0.1 and a port the OS picks, with an HTTP/1.1
 * client for it (redirects are not followed), so that tests talk to handlers over a real socket.
 */
public final class LoopbackHttp implements AutoCloseable {
  private final Undertow undertow;
  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private LoopbackHttp(HttpHandler handler) {
    undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
    undertow.start();
    port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Starts serving {@code handler}. */
  public static LoopbackHttp serve(HttpHandler handler) {
    return new LoopbackHttp(handler);
  }

  public int port() {
    return port;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  public HttpClient client() {
    return client;
  }

  /** A request for {@code pathAndQuery} with a 20 s timeout. */
  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  /** Sends {@code method} with an optional body and header name/value pairs; the body as text. */
  public HttpResponse<String> send(
      String method, String pathAndQuery, @Nullable String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        request(pathAndQuery)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    return send("GET", pathAndQuery, null, headers);
  }

  /** A GET whose body is kept as bytes. */
  public HttpResponse<byte[]> getBytes(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request = request(pathAndQuery).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
