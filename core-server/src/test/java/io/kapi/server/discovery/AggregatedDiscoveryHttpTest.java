package io.kapi.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.v2.APIVersionDiscovery;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.testing.LoopbackHttp;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Aggregated and legacy discovery served by a real server, through its filter chain. */
class AggregatedDiscoveryHttpTest {
  private static final String V2 =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private LoopbackHttp http;
  private AggregatedDiscovery apis;

  @BeforeEach
  void start() {
    GenericApiServer server =
        GenericApiServer.builder("kube-apiserver", ServerConfig.defaults(() -> "127.0.0.1:6443"))
            .build();
    AggregatedDiscovery core = AggregatedDiscovery.create();
    core.addGroupVersion(
        "",
        APIVersionDiscovery.current(
            "v1",
            LegacyDiscovery.toAggregated(
                List.of(
                    new APIResource(
                        "configmaps",
                        "configmap",
                        true,
                        null,
                        null,
                        "ConfigMap",
                        List.of("create", "delete", "get", "list", "patch", "update", "watch"),
                        List.of("cm"),
                        null,
                        "qFsyl6wFWjQ=")))));
    apis = AggregatedDiscovery.create();
    apis.addGroupVersion("example.com", APIVersionDiscovery.current("v1", List.of()));
    server.installWebService(
        core.webService(
            "/api", LegacyDiscovery.apiVersionsHandler(List.of("v1"), () -> "127.0.0.1:6443")));
    server.installWebService(
        apis.webService("/apis", LegacyDiscovery.apiGroupListHandler(apis::legacyGroupList)));
    server.installWebService(
        LegacyDiscovery.apiGroup("example.com", () -> apis.legacyGroup("example.com")));
    http = LoopbackHttp.serve(server.handler().fullHandlerChain());
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return http.get(path, headers);
  }

  private static JsonNode json(String body) {
    return ApiCodec.json()
        .decode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
  }

  @Test
  void kubectlsAcceptHeaderGetsTheAggregatedDocument() throws Exception {
    HttpResponse<String> response =
        get("/api?timeout=32s", "Accept", DiscoveryNegotiationTest.KUBECTL_ACCEPT);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(V2);
    assertThat(response.headers().firstValue("Vary")).hasValue("Accept");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public");
    assertThat(response.headers().firstValue("ETag"))
        .hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9A-F]{128}\""));
    JsonNode document = json(response.body());
    assertThat(document.get("kind").asString()).isEqualTo("APIGroupDiscoveryList");
    assertThat(document.get("apiVersion").asString()).isEqualTo("apidiscovery.k8s.io/v2");
    JsonNode core = document.get("items").get(0);
    assertThat(core.get("metadata").isEmpty()).isTrue();
    JsonNode configMaps = core.get("versions").get(0).get("resources").get(0);
    assertThat(configMaps.get("resource").asString()).isEqualTo("configmaps");
    assertThat(configMaps.get("shortNames").get(0).asString()).isEqualTo("cm");
    assertThat(configMaps.get("scope").asString()).isEqualTo("Namespaced");
  }

  @Test
  void aMatchingIfNoneMatchAnswers304() throws Exception {
    String etag = get("/apis", "Accept", V2).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> cached = get("/apis", "Accept", V2, "If-None-Match", etag);
    assertThat(cached.statusCode()).isEqualTo(304);
    assertThat(cached.body()).isEmpty();
    assertThat(cached.headers().firstValue("ETag")).hasValue(etag);
    // a change gives a new ETag, so the old one no longer matches
    apis.addGroupVersion("example.com", APIVersionDiscovery.current("v2", List.of()));
    HttpResponse<String> changed = get("/apis", "Accept", V2, "If-None-Match", etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
  }

  @Test
  void otherClientsGetTheLegacyDocuments() throws Exception {
    HttpResponse<String> api = get("/api", "Accept", "application/json, */*");
    assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(api.body())
        .isEqualTo(
            "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:6443\"}]}\n");
    assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
    HttpResponse<String> groups = get("/apis");
    assertThat(groups.body())
        .startsWith(
            "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"example.com\"");
    HttpResponse<String> group = get("/apis/example.com");
    assertThat(group.body())
        .isEqualTo(
            "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"example.com\",\"versions\":"
                + "[{\"groupVersion\":\"example.com/v1\",\"version\":\"v1\"}],\"preferredVersion\":"
                + "{\"groupVersion\":\"example.com/v1\",\"version\":\"v1\"}}\n");
    apis.removeGroup("example.com");
    assertThat(get("/apis/example.com").statusCode()).isEqualTo(404);
  }

  @Test
  void v2beta1AndPrettyPrintingAreServedToo() throws Exception {
    HttpResponse<String> beta =
        get(
            "/apis",
            "Accept",
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
            "User-Agent",
            "curl/8.0");
    assertThat(beta.headers().firstValue("Content-Type"))
        .hasValue("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
    assertThat(beta.body())
        .startsWith(
            "{\n  \"kind\": \"APIGroupDiscoveryList\",\n"
                + "  \"apiVersion\": \"apidiscovery.k8s.io/v2beta1\"");
  }
}
