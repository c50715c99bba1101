package io.kapi.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.NotFoundHandler;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.responses.Responses;
import io.kapi.server.testing.LoopbackHttp;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregatorTest {
  private static final ServerConfig CONFIG = ServerConfig.defaults(() -> "127.0.0.1:6443");

  private LoopbackHttp http;
  private Aggregator aggregator;
  private final HttpClient client = HttpClient.newHttpClient();

  /** kube-apiserver with the core group plus apps/v1 and wardle.example.com/{v1alpha1,v1beta1}. */
  @BeforeEach
  void start() {
    GenericApiServer ext =
        GenericApiServer.builder("apiextensions-apiserver", CONFIG)
            .delegate(DelegationTarget.withHandler(new NotFoundHandler()))
            .build();
    KubeApiServer kube = KubeApiServer.create(CONFIG, ext);
    for (String gv : List.of("apps/v1", "wardle.example.com/v1alpha1", "wardle.example.com/v1beta1")) {
      kube.genericServer()
          .installWebService(
              WebService.builder("/apis/" + gv)
                  .route(
                      Route.builder("GET", "")
                          .to(r -> Responses.writeObject(r.exchange(), 200, Map.of("gv", gv)))
                          .build())
                  .build());
    }
    aggregator = Aggregator.create(CONFIG, kube.genericServer());
    aggregator.autoRegister();
    http = LoopbackHttp.serve(aggregator.genericServer().handler().fullHandlerChain());
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.get(path);
  }

  @Test
  void autoRegistersAnApiServicePerGroupVersionBelow() {
    assertThat(aggregator.apiServiceNames())
        .containsExactly("v1.", "v1.apps", "v1alpha1.wardle.example.com", "v1beta1.wardle.example.com");
  }

  @Test
  void apisListsGroupsByPriorityAndVersionsKubeAware() throws Exception {
    HttpResponse<String> response = get("/apis");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
                + "{\"name\":\"apps\",\"versions\":[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],"
                + "\"preferredVersion\":{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}},"
                + "{\"name\":\"wardle.example.com\",\"versions\":["
                + "{\"groupVersion\":\"wardle.example.com/v1beta1\",\"version\":\"v1beta1\"},"
                + "{\"groupVersion\":\"wardle.example.com/v1alpha1\",\"version\":\"v1alpha1\"}],"
                + "\"preferredVersion\":{\"groupVersion\":\"wardle.example.com/v1beta1\",\"version\":\"v1beta1\"}}]}\n");
  }

  @Test
  void groupPathAnswersTheApiGroupDocument() throws Exception {
    HttpResponse<String> response = get("/apis/apps");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"apps\",\"versions\":"
                + "[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],\"preferredVersion\":"
                + "{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}}\n");
  }

  @Test
  void localApiServicesHandRequestsToTheDelegate() throws Exception {
    assertThat(get("/apis/apps/v1").body()).isEqualTo("{\"gv\":\"apps/v1\"}\n");
    assertThat(get("/api").body()).contains("\"kind\":\"APIVersions\"");
  }

  @Test
  void unregisteringTheLastVersionRemovesTheGroupRoutes() throws Exception {
    assertThat(aggregator.unregister("apps", "v1")).isTrue();
    assertThat(aggregator.genericServer().handler().nonGoRestfulMux().listedPaths())
        .doesNotContain("/apis/apps", "/apis/apps/v1");
    assertThat(get("/apis").body()).doesNotContain("\"apps\"");
    // the kube-apiserver still serves it: the request now reaches it without the aggregator route
    assertThat(get("/apis/apps/v1").body()).isEqualTo("{\"gv\":\"apps/v1\"}\n");
    assertThat(aggregator.unregister("apps", "v1")).isFalse();
  }

  @Test
  void invalidPrioritiesFailFast() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApiServiceInfo("g", "v1", 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupPriorityMinimum must be positive and less than 20000");
  }
}
