package io.kapi.pathrecorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Serves a mux from a real Undertow listener on 127.0.0.1 and calls it over HTTP. */
class PathRecorderMuxUndertowTest {
  private static Undertow server;
  private static HttpClient client;
  private static String base;

  @BeforeAll
  static void start() {
    PathRecorderMux mux = new PathRecorderMux("undertow-test");
    mux.handle(
        "/api",
        exchange -> exchange.getResponseSender().send("exact " + exchange.getRequestPath()));
    mux.handlePrefix(
        "/apis/",
        exchange -> exchange.getResponseSender().send("prefix " + exchange.getRequestPath()));
    mux.handlePrefix(
        "/apis/example.com/",
        exchange -> exchange.getResponseSender().send("group " + exchange.getRequestPath()));
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setIoThreads(1)
            .setWorkerThreads(1)
            .setHandler(mux)
            .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    base = "http://127.0.0.1:" + port;
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void exactPathIsServed() throws Exception {
    HttpResponse<String> response = get("/api");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("exact /api");
  }

  @Test
  void queryStringIsIgnoredAndPercentEncodingDecodedBeforeMatching() throws Exception {
    assertThat(get("/api?watch=true").body()).isEqualTo("exact /api");
    assertThat(get("/ap%69").body()).isEqualTo("exact /api");
  }

  @Test
  void longestPrefixServes() throws Exception {
    assertThat(get("/apis/example.com/v1/foos").body())
        .isEqualTo("group /apis/example.com/v1/foos");
    assertThat(get("/apis/other/v1").body()).isEqualTo("prefix /apis/other/v1");
  }

  @Test
  void unmatchedPathGetsGoStyle404() throws Exception {
    for (String path : new String[] {"/apis", "/api/", "/nothing"}) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).isEqualTo("404 page not found\n");
      assertThat(response.headers().firstValue(Headers.CONTENT_TYPE_STRING))
          .hasValue("text/plain; charset=utf-8");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
