package io.kapi.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.health.HealthCheck;
import io.kapi.server.testing.LoopbackHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GenericApiServerTest {
  private static final ServerConfig CONFIG = ServerConfig.defaults(() -> "127.0.0.1:6443");

  private LoopbackHttp serving;

  @AfterEach
  void stop() {
    if (serving != null) {
      serving.close();
    }
  }

  /** ext (prefix /apis/ → 404) ← kube-apiserver, served through kube-apiserver's full chain. */
  private GenericApiServer chain(ServerConfig config, HealthCheck... extChecks) {
    GenericApiServer.Builder ext =
        GenericApiServer.builder("apiextensions-apiserver", config)
            .delegate(DelegationTarget.withHandler(new NotFoundHandler()));
    for (HealthCheck check : extChecks) {
      ext.healthCheck(check);
    }
    GenericApiServer extensions = ext.build();
    extensions.handler().nonGoRestfulMux().handlePrefix("/apis/", new NotFoundHandler());
    KubeApiServer kube = KubeApiServer.create(config, extensions);
    serving = LoopbackHttp.serve(kube.genericServer().handler().fullHandlerChain());
    return kube.genericServer();
  }

  @Test
  void indexListsTheUnionOfPathsOfTheChain() throws Exception {
    chain(CONFIG);
    HttpResponse<String> response = serving.get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .startsWith("{\n  \"paths\": [\n")
        .contains("\"/api\"", "\"/api/v1\"", "\"/apis/\"", "\"/healthz\"", "\"/healthz/ping\"",
            "\"/livez\"", "\"/readyz\"", "\"/version\"")
        .doesNotContain("\"/index.html\"");
  }

  @Test
  void versionAnswersTheKubernetesApiLevel() throws Exception {
    chain(CONFIG);
    HttpResponse<String> response = serving.get("/version");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"major\": \"1\"", "\"minor\": \"33\"");
  }

  @Test
  void apiAnswersApiVersionsAndApiV1AnEmptyResourceList() throws Exception {
    chain(CONFIG);
    assertThat(serving.get("/api").body())
        .isEqualTo(
            "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:6443\"}]}\n");
    assertThat(serving.get("/api/v1").body())
        .isEqualTo("{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[]}\n");
  }

  @Test
  void unknownPathsEndInA404Status() throws Exception {
    chain(CONFIG);
    for (String path : new String[] {"/nope", "/apis/nope.io/v1/things", "/api/v1/nope"}) {
      HttpResponse<String> response = serving.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body())
          .as(path)
          .isEqualTo(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                  + "\"message\":\"the server could not find the requested resource\","
                  + "\"reason\":\"NotFound\",\"code\":404}\n");
    }
  }

  @Test
  void prettyParameterIndentsStatus() throws Exception {
    chain(CONFIG);
    assertThat(serving.get("/nope?pretty=true").body()).startsWith("{\n  \"kind\": \"Status\",");
  }

  @Test
  void wrongMethodOnAWebServiceIs405Status() throws Exception {
    chain(CONFIG);
    HttpResponse<String> response =
        serving.send(
            HttpRequest.newBuilder(serving.uri("/api"))
                .DELETE()
                .build());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).contains("\"reason\":\"MethodNotAllowed\"", "\"code\":405");
  }

  @Test
  void healthEndpointsIncludeDelegatedChecksAndVerboseOutput() throws Exception {
    chain(CONFIG, HealthCheck.of("etcd", () -> {}));
    assertThat(serving.get("/healthz").body()).isEqualTo("ok");
    assertThat(serving.get("/healthz").headers().firstValue("Content-Type"))
        .hasValue("text/plain; charset=utf-8");
    assertThat(serving.get("/readyz?verbose").body())
        .isEqualTo("[+]ping ok\n[+]log ok\n[+]etcd ok\nreadyz check passed\n");
    assertThat(serving.get("/livez/etcd").body()).isEqualTo("ok");
    assertThat(serving.get("/healthz?exclude=etcd&verbose").body())
        .contains("[+]etcd excluded: ok");
  }

  @Test
  void failingCheckGives500WithReasonWithheld() throws Exception {
    chain(CONFIG, HealthCheck.of("etcd", () -> {
      throw new IllegalStateException("connection refused");
    }));
    HttpResponse<String> response = serving.get("/healthz");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .isEqualTo("[+]ping ok\n[+]log ok\n[-]etcd failed: reason withheld\nhealthz check failed\n");
    HttpResponse<String> single = serving.get("/healthz/etcd");
    assertThat(single.statusCode()).isEqualTo(500);
    assertThat(single.body()).isEqualTo("internal server error: connection refused");
  }

  @Test
  void auditIdIsEchoedOrGenerated() throws Exception {
    chain(CONFIG);
    HttpResponse<String> given =
        serving.send(
            HttpRequest.newBuilder(serving.uri("/version")).header("Audit-ID", "abc-123").build());
    assertThat(given.headers().firstValue("Audit-Id")).hasValue("abc-123");
    HttpResponse<String> generated = serving.get("/version");
    assertThat(generated.headers().firstValue("Audit-Id").orElseThrow())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(generated.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
  }

  @Test
  void bodiesOverThreeMebibytesAre413Status() throws Exception {
    chain(CONFIG);
    byte[] body = new byte[3 * 1024 * 1024 + 1];
    HttpResponse<String> response =
        serving.send(
            HttpRequest.newBuilder(serving.uri("/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .contains(
            "\"message\":\"Request entity too large: limit is 3145728\"",
            "\"reason\":\"RequestEntityTooLarge\"");
    assertThat(serving.get("/healthz").body()).isEqualTo("ok");
  }

  @Test
  void aHandlerThatThrowsGetsA500StatusAndTheServerKeepsServing() throws Exception {
    GenericApiServer kube = chain(CONFIG);
    kube.installWebService(
        WebService.builder("/boom")
            .route(
                Route.builder("GET", "")
                    .to(r -> {
                      throw new IllegalStateException("secret internal detail");
                    })
                    .build())
            .build());
    HttpResponse<String> response = serving.get("/boom");
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .contains("\"reason\":\"InternalError\"", "\"code\":500")
        .doesNotContain("secret internal detail", "Exception");
    assertThat(serving.get("/version").statusCode()).isEqualTo(200);
  }

  @Test
  void slowRequestsTimeOutWith504Status() throws Exception {
    GenericApiServer kube = chain(CONFIG.withRequestTimeout(Duration.ofMillis(300)));
    kube.installWebService(
        WebService.builder("/slow")
            .route(
                Route.builder("GET", "")
                    .to(r -> r.exchange().dispatch(() -> {
                      try {
                        Thread.sleep(1_500);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      io.kapi.server.responses.Responses.writeRawJson(
                          r.exchange(), 200, java.util.Map.of("late", true));
                    }))
                    .build())
            .build());
    HttpResponse<String> response = serving.get("/slow");
    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body())
        .contains(
            "\"message\":\"Timeout: request did not complete within the allotted timeout\"",
            "\"reason\":\"Timeout\"");
    assertThat(serving.get("/metrics").body())
        .containsPattern("apiserver_request_terminations_total\\{[^}]*code=\"504\"[^}]*\\} 1\\.0");
  }

  @Test
  void requestLogLineFollowsHttplogFormat() throws Exception {
    Logger httplog = (Logger) LoggerFactory.getLogger("io.kapi.server.httplog");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    httplog.addAppender(appender);
    Level before = httplog.getLevel();
    httplog.setLevel(Level.DEBUG);
    try {
      chain(CONFIG);
      serving.send(
          HttpRequest.newBuilder(serving.uri("/api/v1/namespaces/default/pods?limit=500"))
              .header("User-Agent", "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0")
              .header("Audit-ID", "8344c169-005e-4291-8fcc-355fd2369bcd")
              .build());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (appender.list.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(appender.list).hasSize(1);
      assertThat(appender.list.get(0).getFormattedMessage())
          .matches(
              "\"HTTP\" verb=\"LIST\" URI=\"/api/v1/namespaces/default/pods\\?limit=500\" "
                  + "latency=\"[0-9.]+(ns|µs|ms|s)\" "
                  + "userAgent=\"kubectl/v1.33.1 \\(linux/amd64\\) kubernetes/8adc0f0\" "
                  + "audit-ID=\"8344c169-005e-4291-8fcc-355fd2369bcd\" "
                  + "srcIP=\"127.0.0.1:[0-9]+\" resp=404");
    } finally {
      httplog.detachAppender(appender);
      httplog.setLevel(before);
    }
  }

  @Test
  void withAnAuthenticatorOnlyPublicEndpointsAreAnonymous() throws Exception {
    chain(
        CONFIG.withAuthentication(
            new io.kapi.server.authn.BearerTokenAuthenticator(
                java.util.Map.of(
                    "s3cret",
                    io.kapi.server.authn.UserInfo.of("admin", java.util.List.of("system:masters"))))));
    HttpResponse<String> anonymous = serving.get("/api");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}\n");
    HttpResponse<String> wrongToken =
        serving.send(
            HttpRequest.newBuilder(serving.uri("/api")).header("Authorization", "Bearer nope").build());
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    HttpResponse<String> admin =
        serving.send(
            HttpRequest.newBuilder(serving.uri("/api"))
                .header("Authorization", "Bearer s3cret")
                .build());
    assertThat(admin.statusCode()).isEqualTo(200);
    for (String path : new String[] {"/healthz", "/livez", "/readyz", "/readyz/ping", "/version"}) {
      assertThat(serving.get(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(serving.get("/healthzx").statusCode()).isEqualTo(401);
    assertThat(
            serving
                .send(
                    HttpRequest.newBuilder(serving.uri("/healthz"))
                        .header("Authorization", "Bearer nope")
                        .build())
                .statusCode())
        .isEqualTo(401);
  }
}
