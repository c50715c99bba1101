package io.kapi.restcontainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A container behind a real Undertow listener on 127.0.0.1, called with java.net.http. */
class ContainerEndToEndTest {

  private Undertow server;
  private URI base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    Container container = new Container(ContainerEndToEndTest::writeError);
    container.add(
        WebService.builder("/api/v1")
            .route(
                Route.builder("GET", "/namespaces/{namespace}/configmaps/{name}")
                    .to(request -> reply(request.exchange(), request.pathParameters().toString()))
                    .produces("application/json", "application/yaml")
                    .build())
            .route(
                Route.builder("POST", "/namespaces/{namespace}/configmaps")
                    .to(request -> reply(request.exchange(), "created in " + request.pathParameter("namespace")))
                    .consumes("application/json")
                    .produces("application/json")
                    .build())
            .route(
                Route.builder("GET", "/proxy/{path:*}")
                    .to(request -> reply(request.exchange(), request.pathParameter("path")))
                    .build())
            .build());
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setIoThreads(1)
            .setWorkerThreads(1)
            .setHandler(container)
            .build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    base = URI.create("http://127.0.0.1:" + address.getPort());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static void reply(HttpServerExchange exchange, String body) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
    exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
  }

  private static void writeError(HttpServerExchange exchange, RouteError error) {
    exchange.setStatusCode(error.statusCode());
    reply(exchange, error.kind() + " " + error.supportedMediaTypes());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).GET();
  }

  @Test
  void servesMatchingRouteWithDecodedParameters() throws Exception {
    HttpResponse<String> response = send(get("/api/v1/namespaces/my%20ns/configmaps/cm-1"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{namespace=my ns, name=cm-1}");
  }

  @Test
  void servesWildcardAndTrailingSlash() throws Exception {
    assertThat(send(get("/api/v1/proxy/a/b/c")).body()).isEqualTo("a/b/c");
    assertThat(send(get("/api/v1/namespaces/ns/configmaps/cm/")).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    HttpResponse<String> response = send(get("/api/v1/namespaces/ns/secrets/s"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("NOT_FOUND []");
  }

  @Test
  void wrongMethodIsMethodNotAllowedWithAllow() throws Exception {
    HttpResponse<String> response =
        send(get("/api/v1/namespaces/ns/configmaps/cm").DELETE());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void unacceptableAcceptIsNotAcceptable() throws Exception {
    HttpResponse<String> response =
        send(get("/api/v1/namespaces/ns/configmaps/cm").header("Accept", "text/html"));

    assertThat(response.statusCode()).isEqualTo(406);
    assertThat(response.body()).isEqualTo("NOT_ACCEPTABLE [application/json, application/yaml]");
  }

  @Test
  void tableAcceptIsServed() throws Exception {
    HttpResponse<String> response =
        send(
            get("/api/v1/namespaces/ns/configmaps/cm")
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void bodyOfUnsupportedTypeIsUnsupportedMediaType() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/namespaces/ns/configmaps"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).isEqualTo("UNSUPPORTED_MEDIA_TYPE [application/json]");
  }

  @Test
  void bodyOfSupportedTypeIsServed() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/namespaces/ns/configmaps"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("created in ns");
  }
}
