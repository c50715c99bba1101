package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Starts the real chain (aggregator → kube-apiserver → apiextensions-apiserver → 404) over HTTPS at
 * verbosity 5 and checks the routing decisions it logs against the reference traces.
 */
class RoutingTraceTest {
  @TempDir static Path dataDir;

  private static StartedServer server;
  private static final ListAppender<ILoggingEvent> routing = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    server = new StartedServer(dataDir, 5);
    routing.start();
    for (String name : List.of("io.kapi.pathrecorder", "io.kapi.server.ApiServerHandler")) {
      ((Logger) LoggerFactory.getLogger(name)).addAppender(routing);
    }
  }

  @AfterAll
  static void stop() {
    for (String name : List.of("io.kapi.pathrecorder", "io.kapi.server.ApiServerHandler")) {
      ((Logger) LoggerFactory.getLogger(name)).detachAppender(routing);
    }
    server.close();
  }

  @BeforeEach
  void clear() {
    synchronized (routing.list) {
      routing.list.clear();
    }
  }

  private static List<String> routingLines() {
    synchronized (routing.list) {
      return routing.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void apiIsAnExactAggregatorRouteAnsweredByKubeApiServerWebService() throws Exception {
    HttpResponse<String> response = server.get("/api");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:"
                + server.running.port() + "\"}]}\n");
    assertThat(routingLines())
        .containsExactly(
            "kube-aggregator: GET \"/api\" satisfied by nonGoRestful",
            "kube-aggregator: \"/api\" satisfied by exact match",
            "kube-apiserver: GET \"/api\" satisfied by gorestful with webservice /api");
  }

  @Test
  void apisIsAnsweredByTheAggregatorItself() throws Exception {
    HttpResponse<String> response = server.get("/apis");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[");
    assertThat(routingLines())
        .containsExactly(
            "kube-aggregator: GET \"/apis\" satisfied by nonGoRestful",
            "kube-aggregator: \"/apis\" satisfied by exact match");
  }

  @Test
  void podsListGoesThroughTheApiPrefixToTheApiV1WebService() throws Exception {
    HttpResponse<String> response = server.get("/api/v1/namespaces/default/pods?limit=500");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"kind\":\"PodList\"", "\"items\":[]");
    assertThat(routingLines())
        .containsExactly(
            "kube-aggregator: GET \"/api/v1/namespaces/default/pods\" satisfied by nonGoRestful",
            "kube-aggregator: \"/api/v1/namespaces/default/pods\" satisfied by prefix /api/",
            "kube-apiserver: GET \"/api/v1/namespaces/default/pods\" satisfied by gorestful with webservice /api/v1");
  }

  @Test
  void unknownGroupFallsThroughEveryServerToTheFinal404() throws Exception {
    HttpResponse<String> response = server.get("/apis/nope.example.com/v1/things");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"the server could not find the requested resource\","
                + "\"reason\":\"NotFound\",\"code\":404}\n");
    assertThat(routingLines())
        .containsExactly(
            "kube-aggregator: GET \"/apis/nope.example.com/v1/things\" satisfied by nonGoRestful",
            "kube-aggregator: \"/apis/nope.example.com/v1/things\" satisfied by NotFoundHandler",
            "kube-apiserver: GET \"/apis/nope.example.com/v1/things\" satisfied by nonGoRestful",
            "kube-apiserver: \"/apis/nope.example.com/v1/things\" satisfied by NotFoundHandler",
            "apiextensions-apiserver: GET \"/apis/nope.example.com/v1/things\" satisfied by nonGoRestful",
            "apiextensions-apiserver: \"/apis/nope.example.com/v1/things\" satisfied by prefix /apis/");
  }

  @Test
  void requestsWithoutCredentialsGet401ButHealthAndVersionAreOpen() throws Exception {
    HttpResponse<String> unauthorized = server.getAnonymously("/api");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.body()).contains("\"reason\":\"Unauthorized\"", "\"code\":401");
    for (String path : List.of("/healthz", "/livez", "/readyz", "/version")) {
      assertThat(server.getAnonymously(path).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void rootListsThePathsOfAllThreeServers() throws Exception {
    HttpResponse<String> response = server.get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"/api\"", "\"/api/v1\"", "\"/apis\"", "\"/apis/\"", "\"/healthz\"",
            "\"/livez\"", "\"/readyz\"", "\"/version\"");
  }

  @Test
  void servesHttp2OverTlsWithAlpn() throws Exception {
    java.net.http.HttpClient h2 =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_2)
            .sslContext(StartedServer.trusting(dataDir.resolve("ca.crt")))
            .build();
    HttpResponse<String> response =
        h2.send(
            java.net.http.HttpRequest.newBuilder(server.uri("/api"))
                .header("Authorization", "Bearer " + server.token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"kind\":\"APIVersions\"");
  }
}
