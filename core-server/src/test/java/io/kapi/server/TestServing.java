package io.kapi.server;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain-HTTP Undertow on 127.0.0.1 and a free port, for tests of handlers. */
final class TestServing implements AutoCloseable {
  private final Undertow undertow;
  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestServing(HttpHandler handler) {
    undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
    undertow.start();
    port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
