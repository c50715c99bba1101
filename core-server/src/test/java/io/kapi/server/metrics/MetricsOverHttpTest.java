package io.kapi.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.NotFoundHandler;
import io.kapi.server.ServerConfig;
import io.kapi.server.authn.BearerTokenAuthenticator;
import io.kapi.server.authn.UserInfo;
import io.kapi.server.responses.Responses;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests over real HTTP through a {@link GenericApiServer}'s full chain, then a scrape. */
class MetricsOverHttpTest {
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/ns1/widgets";
  private static final byte[] LIST_BODY =
      "{\"kind\":\"WidgetList\",\"items\":[]}".getBytes(StandardCharsets.UTF_8);
  private static final String TOKEN = "s3cret";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final CountDownLatch watchStarted = new CountDownLatch(1);
  private volatile HttpServerExchange watchExchange;
  private Undertow undertow;
  private int port;

  @AfterEach
  void stop() {
    if (undertow != null) {
      undertow.stop();
    }
  }

  /** A standalone server with a widgets API, served by its full handler chain. */
  private void serve(ServerConfig config) {
    GenericApiServer server =
        GenericApiServer.builder("test-apiserver", config)
            .delegate(DelegationTarget.withHandler(new NotFoundHandler()))
            .build();
    server.installWebService(
        WebService.builder("/apis/example.com/v1")
            .route(
                Route.builder("GET", "/namespaces/{namespace}/widgets")
                    .to(
                        r -> {
                          if (r.exchange().getQueryParameters().containsKey("watch")) {
                            // hold the watch open until the test ends it
                            watchExchange = r.exchange();
                            r.exchange()
                                .dispatch(SameThreadExecutor.INSTANCE, watchStarted::countDown);
                            return;
                          }
                          Responses.writeBytes(r.exchange(), 200, "application/json", LIST_BODY);
                        })
                    .build())
            .route(
                Route.builder("GET", "/namespaces/{namespace}/widgets/{name}")
                    .to(r -> Responses.writeRawJson(r.exchange(), 200, Map.of("kind", "Widget")))
                    .build())
            .route(
                Route.builder("POST", "/namespaces/{namespace}/widgets")
                    .to(r -> Responses.writeRawJson(r.exchange(), 201, Map.of("kind", "Widget")))
                    .build())
            .route(
                Route.builder("GET", "/namespaces/{namespace}/slowwidgets")
                    .to(
                        r -> {
                          config.metrics().recordTermination(r.exchange(), 504);
                          Responses.writeRawJson(r.exchange(), 504, Map.of("kind", "Status"));
                        })
                    .build())
            .build());
    undertow =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(server.handler().fullHandlerChain())
            .build();
    undertow.start();
    port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(request(pathAndQuery).GET().build());
  }

  /** Scrapes until {@code condition} holds (a request is counted once its exchange completed). */
  private String scrapeUntil(Predicate<String> condition, String... headers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String body;
    do {
      HttpRequest.Builder scrape = request("/metrics").GET();
      if (headers.length > 0) {
        scrape.headers(headers);
      }
      HttpResponse<String> response = send(scrape.build());
      assertThat(response.statusCode()).isEqualTo(200);
      body = response.body();
      if (condition.test(body)) {
        return body;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < deadline);
    return body;
  }

  private String scrapeUntilLine(String line, String... headers) throws Exception {
    return scrapeUntil(body -> lines(body).contains(line), headers);
  }

  private static List<String> lines(String body) {
    return List.of(body.split("\n"));
  }

  @Test
  void versionIsCountedUnderItsPath() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    assertThat(get("/version").statusCode()).isEqualTo(200);

    String line =
        "apiserver_request_total{code=\"200\",component=\"apiserver\",dry_run=\"\",group=\"\","
            + "resource=\"\",scope=\"\",subresource=\"/version\",verb=\"GET\",version=\"\"} 1.0";
    assertThat(lines(scrapeUntilLine(line))).contains(line);
  }

  @Test
  void metricsAreServedInThePrometheusTextFormat() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    // a vector without samples is not written: count one request first
    assertThat(get("/version").statusCode()).isEqualTo(200);
    scrapeUntil(body -> body.contains("subresource=\"/version\""));
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(lines(response.body()))
        .contains(
            "# TYPE apiserver_request_total counter",
            "# TYPE apiserver_request_duration_seconds histogram",
            "# TYPE apiserver_current_inflight_requests gauge",
            // the scrape itself is the one read-only request being served
            "apiserver_current_inflight_requests{request_kind=\"readOnly\"} 1.0",
            "apiserver_current_inflight_requests{request_kind=\"mutating\"} 0.0");
  }

  @Test
  void openMetricsIsServedWhenAsked() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    assertThat(get("/version").statusCode()).isEqualTo(200);
    scrapeUntil(body -> body.contains("subresource=\"/version\""));
    HttpResponse<String> response =
        send(
            request("/metrics")
                .header(
                    "Accept",
                    "application/openmetrics-text;version=1.0.0;q=0.75,"
                        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
                .build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(lines(response.body()))
        .contains(
            "# TYPE apiserver_request counter",
            "apiserver_request_total{code=\"200\",component=\"apiserver\",dry_run=\"\","
                + "group=\"\",resource=\"\",scope=\"\",subresource=\"/version\",verb=\"GET\","
                + "version=\"\"} 1.0");
    assertThat(response.body()).endsWith("# EOF\n");
  }

  @Test
  void unknownPathIsCountedAs404WithoutItsPath() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    assertThat(get("/no/such/path").statusCode()).isEqualTo(404);

    String line =
        "apiserver_request_total{code=\"404\",component=\"apiserver\",dry_run=\"\",group=\"\","
            + "resource=\"\",scope=\"\",subresource=\"\",verb=\"GET\",version=\"\"} 1.0";
    String body = scrapeUntilLine(line);
    assertThat(lines(body)).contains(line);
    assertThat(body).doesNotContain("no/such/path");
  }

  @Test
  void resourceRequestsCarryTheirGroupVersionResourceAndScope() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    assertThat(get(WIDGETS).statusCode()).isEqualTo(200);
    assertThat(get(WIDGETS + "/w1").statusCode()).isEqualTo(200);
    HttpResponse<String> created =
        send(
            request(WIDGETS + "?dryRun=All")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(created.statusCode()).isEqualTo(201);

    String list =
        "apiserver_request_total{code=\"200\",component=\"apiserver\",dry_run=\"\","
            + "group=\"example.com\",resource=\"widgets\",scope=\"namespace\",subresource=\"\","
            + "verb=\"LIST\",version=\"v1\"} 1.0";
    String get =
        "apiserver_request_total{code=\"200\",component=\"apiserver\",dry_run=\"\","
            + "group=\"example.com\",resource=\"widgets\",scope=\"resource\",subresource=\"\","
            + "verb=\"GET\",version=\"v1\"} 1.0";
    String create =
        "apiserver_request_total{code=\"201\",component=\"apiserver\",dry_run=\"All\","
            + "group=\"example.com\",resource=\"widgets\",scope=\"resource\",subresource=\"\","
            + "verb=\"POST\",version=\"v1\"} 1.0";
    String listLabels =
        "component=\"apiserver\",dry_run=\"\",group=\"example.com\",resource=\"widgets\","
            + "scope=\"namespace\",subresource=\"\",verb=\"LIST\",version=\"v1\"";
    String sizeLabels =
        "component=\"apiserver\",group=\"example.com\",resource=\"widgets\","
            + "scope=\"namespace\",subresource=\"\",verb=\"LIST\",version=\"v1\"";
    String body = scrapeUntil(b -> lines(b).containsAll(List.of(list, get, create)));
    assertThat(lines(body))
        .contains(
            list,
            get,
            create,
            "apiserver_request_duration_seconds_bucket{" + listLabels + ",le=\"60.0\"} 1",
            "apiserver_request_duration_seconds_bucket{" + listLabels + ",le=\"+Inf\"} 1",
            "apiserver_request_duration_seconds_count{" + listLabels + "} 1",
            "apiserver_response_sizes_bucket{" + sizeLabels + ",le=\"1000.0\"} 1",
            "apiserver_response_sizes_bucket{" + sizeLabels + ",le=\"1.0E9\"} 1",
            "apiserver_response_sizes_count{" + sizeLabels + "} 1",
            "apiserver_response_sizes_sum{" + sizeLabels + "} " + (double) LIST_BODY.length);
    // upstream's 23 duration buckets and 7 size buckets, plus +Inf
    assertThat(
            lines(body).stream()
                .filter(
                    l -> l.startsWith("apiserver_request_duration_seconds_bucket{" + listLabels)))
        .hasSize(24);
    assertThat(
            lines(body).stream()
                .filter(l -> l.startsWith("apiserver_response_sizes_bucket{" + sizeLabels)))
        .hasSize(8);
    // writes have no response size
    assertThat(body)
        .doesNotContain(
            "apiserver_response_sizes_count{component=\"apiserver\","
                + "group=\"example.com\",resource=\"widgets\",scope=\"resource\",subresource=\"\","
                + "verb=\"POST\"");
  }

  @Test
  void unauthenticatedRequestsAreCountedWithoutTheirResource() throws Exception {
    serve(
        ServerConfig.defaults(() -> "127.0.0.1:6443")
            .withAuthentication(
                new BearerTokenAuthenticator(
                    Map.of(TOKEN, UserInfo.of("admin", List.of("system:masters"))))));
    assertThat(get(WIDGETS).statusCode()).isEqualTo(401);
    assertThat(get("/metrics").statusCode()).as("/metrics is not public").isEqualTo(401);

    String rejected =
        "apiserver_request_total{code=\"401\",component=\"apiserver\",dry_run=\"\",group=\"\","
            + "resource=\"\",scope=\"\",subresource=\"\",verb=\"GET\",version=\"\"} 1.0";
    String rejectedScrape =
        "apiserver_request_total{code=\"401\",component=\"apiserver\",dry_run=\"\",group=\"\","
            + "resource=\"\",scope=\"\",subresource=\"/metrics\",verb=\"GET\",version=\"\"} 1.0";
    String body =
        scrapeUntil(
            b -> lines(b).containsAll(List.of(rejected, rejectedScrape)),
            "Authorization",
            "Bearer " + TOKEN);
    assertThat(lines(body))
        .contains(
            rejected,
            rejectedScrape,
            // rejected requests were never in flight
            "apiserver_current_inflight_requests{request_kind=\"readOnly\"} 1.0");
    assertThat(body).doesNotContain("example.com", "widgets");
  }

  @Test
  void watchesAreLongRunningUntilTheyEnd() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    CompletableFuture<HttpResponse<String>> watch =
        client.sendAsync(
            request(WIDGETS + "?watch=true").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(watchStarted.await(5, TimeUnit.SECONDS)).isTrue();

    String labels =
        "component=\"apiserver\",group=\"example.com\",resource=\"widgets\",scope=\"namespace\","
            + "subresource=\"\",verb=\"WATCH\",version=\"v1\"";
    String running = "apiserver_longrunning_requests{" + labels + "} 1.0";
    String counted =
        "apiserver_request_total{code=\"200\",component=\"apiserver\",dry_run=\"\","
            + "group=\"example.com\",resource=\"widgets\",scope=\"namespace\",subresource=\"\","
            + "verb=\"WATCH\",version=\"v1\"} 1.0";
    String body = scrapeUntilLine(running);
    assertThat(lines(body))
        .contains(running, "apiserver_current_inflight_requests{request_kind=\"readOnly\"} 1.0")
        .doesNotContain(counted);

    HttpServerExchange exchange = watchExchange;
    exchange
        .getIoThread()
        .execute(() -> Responses.writeBytes(exchange, 200, "application/json", new byte[0]));
    assertThat(watch.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

    String ended = "apiserver_longrunning_requests{" + labels + "} 0.0";
    body = scrapeUntil(b -> lines(b).containsAll(List.of(ended, counted)));
    assertThat(lines(body)).contains(ended, counted);
  }

  @Test
  void terminationsAreCounted() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    assertThat(get("/apis/example.com/v1/namespaces/ns1/slowwidgets").statusCode()).isEqualTo(504);

    String line =
        "apiserver_request_terminations_total{code=\"504\",component=\"apiserver\","
            + "group=\"example.com\",resource=\"slowwidgets\",scope=\"namespace\","
            + "subresource=\"\",verb=\"LIST\",version=\"v1\"} 1.0";
    assertThat(lines(scrapeUntilLine(line))).contains(line);
  }

  @Test
  void resourceLabelSetsBeyondTheLimitAreReportedWithoutThem() throws Exception {
    serve(
        ServerConfig.defaults(() -> "127.0.0.1:6443")
            .withMetrics(ApiServerMetrics.withResourceLabelLimit(1)));
    assertThat(get(WIDGETS).statusCode()).isEqualTo(200);
    assertThat(get("/apis/example.com/v1/namespaces/ns1/invented").statusCode()).isEqualTo(404);

    String invented =
        "apiserver_request_total{code=\"404\",component=\"apiserver\",dry_run=\"\",group=\"\","
            + "resource=\"\",scope=\"\",subresource=\"\",verb=\"GET\",version=\"\"} 1.0";
    String body = scrapeUntilLine(invented);
    assertThat(lines(body)).contains(invented);
    assertThat(body).contains("resource=\"widgets\"").doesNotContain("invented");
  }

  @Test
  void metricsPathIsListedAtTheRoot() throws Exception {
    serve(ServerConfig.defaults(() -> "127.0.0.1:6443"));
    assertThat(get("/").body()).contains("\"/metrics\"");
  }

  @Test
  void customRegistryIsServedAlongside() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    io.prometheus.metrics.core.metrics.Counter.builder()
        .name("sample_app_things_total")
        .help("Things.")
        .register(registry)
        .inc();
    serve(
        ServerConfig.defaults(() -> "127.0.0.1:6443")
            .withMetrics(ApiServerMetrics.create(registry)));
    assertThat(lines(get("/metrics").body())).contains("sample_app_things_total 1.0");
    assertThatThrownBy(() -> ApiServerMetrics.create(registry))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
