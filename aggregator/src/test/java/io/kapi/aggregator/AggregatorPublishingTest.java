package io.kapi.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.NotFoundHandler;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.core.v1.CoreV1;
import io.kapi.server.endpoints.ApiInstaller;
import io.kapi.server.openapi.KindSchemas;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.storage.memory.MemoryStorage;
import io.kapi.server.testing.LoopbackHttp;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The chain aggregator → kube-apiserver (core group and {@code wardle.example.com} installed by an
 * {@link ApiInstaller}) → apiextensions → 404: the aggregator serves what the installers publish,
 * aggregated discovery for {@code /api} and {@code /apis} and the OpenAPI documents.
 */
class AggregatorPublishingTest {
  private static final ServerConfig CONFIG = ServerConfig.defaults(() -> "127.0.0.1:6443");
  private static final String V2_ACCEPT =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
          + "application/json";

  private final MemoryStorage storage = MemoryStorage.create();
  private final HttpClient client = HttpClient.newHttpClient();
  private Aggregator aggregator;
  private LoopbackHttp http;

  @BeforeEach
  void start() {
    GenericApiServer ext =
        GenericApiServer.builder("apiextensions-apiserver", CONFIG)
            .delegate(DelegationTarget.withHandler(new NotFoundHandler()))
            .build();
    ApiInstaller installer =
        ApiInstaller.builder(storage)
            .kindSchemas(KindSchemas.published(OpenApiDocument.coreV1()))
            .build();
    KubeApiServer kube = KubeApiServer.create(CONFIG, ext, installer, CoreV1.apiGroupInfo());
    ResourceDefinition flunders = ResourceDefinition.builder("flunders", "Flunder").build();
    installer.install(
        kube.genericServer(),
        ApiGroupInfo.builder("wardle.example.com")
            .version("v1beta1", flunders)
            .version("v1alpha1", flunders)
            .build());
    aggregator = Aggregator.create(CONFIG, kube.genericServer());
    aggregator.autoRegister();
    http = LoopbackHttp.serve(aggregator.genericServer().handler().fullHandlerChain());
  }

  @AfterEach
  void stop() {
    http.close();
    storage.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return http.get(path, headers);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return ApiCodec.json().decode(response.body().getBytes(), JsonNode.class);
  }

  @Test
  void apisServesAggregatedDiscoveryOfTheInstalledGroupsToClientsThatAskForIt() throws Exception {
    HttpResponse<String> aggregated = get("/apis", "Accept", V2_ACCEPT);

    assertThat(aggregated.statusCode()).isEqualTo(200);
    assertThat(aggregated.headers().firstValue("Content-Type"))
        .contains("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    JsonNode items = json(aggregated).path("items");
    assertThat(items.size()).isEqualTo(1);
    JsonNode wardle = items.path(0);
    assertThat(wardle.path("metadata").path("name").asString()).isEqualTo("wardle.example.com");
    List<String> versions = new ArrayList<>();
    wardle.path("versions").forEach(v -> versions.add(v.path("version").asString()));
    assertThat(versions).containsExactly("v1beta1", "v1alpha1");
    JsonNode flunders = wardle.path("versions").path(0).path("resources").path(0);
    assertThat(flunders.path("resource").asString()).isEqualTo("flunders");
    // as upstream's installer: the kind's group and version are those of the containing version
    assertThat(flunders.path("responseKind").toString())
        .isEqualTo("{\"group\":\"\",\"version\":\"\",\"kind\":\"Flunder\"}");
    String etag = aggregated.headers().firstValue("ETag").orElseThrow();
    assertThat(get("/apis", "Accept", V2_ACCEPT, "If-None-Match", etag).statusCode())
        .isEqualTo(304);

    assertThat(json(get("/apis")).path("kind").asString()).isEqualTo("APIGroupList");
  }

  @Test
  void apiServesTheCoreGroupAggregated() throws Exception {
    JsonNode core = json(get("/api", "Accept", V2_ACCEPT));

    assertThat(core.path("items").path(0).path("metadata").path("name").asString()).isEmpty();
    List<String> resources = new ArrayList<>();
    core.path("items").path(0).path("versions").path(0).path("resources")
        .forEach(r -> resources.add(r.path("resource").asString()));
    assertThat(resources).contains("configmaps", "namespaces", "pods", "services");
  }

  @Test
  void openApiOfEveryGroupVersionIsServedByTheAggregator() throws Exception {
    JsonNode index = json(get("/openapi/v3"));

    assertThat(index.path("paths").propertyNames())
        .containsExactly("api/v1", "apis/wardle.example.com/v1alpha1",
            "apis/wardle.example.com/v1beta1");
    JsonNode wardle = json(get("/openapi/v3/apis/wardle.example.com/v1beta1"));
    JsonNode flunder = wardle.path("components").path("schemas")
        .path("com.example.wardle.v1beta1.Flunder");
    assertThat(flunder.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo(
            "[{\"group\":\"wardle.example.com\",\"kind\":\"Flunder\",\"version\":\"v1beta1\"}]");
    assertThat(wardle.path("paths")
            .path("/apis/wardle.example.com/v1beta1/namespaces/{namespace}/flunders/{name}")
            .path("patch").path("operationId").asString())
        .isEqualTo("patchWardleExampleComV1beta1NamespacedFlunder");
    assertThat(json(get("/openapi/v2")).path("definitions").has("io.k8s.api.core.v1.Pod"))
        .isTrue();
    assertThat(json(get("/")).path("paths").toString()).contains("\"/openapi/v2\"", "\"/openapi/v3\"");
  }

  @Test
  void anUnregisteredGroupVersionLeavesAggregatedDiscovery() throws Exception {
    assertThat(aggregator.unregister("wardle.example.com", "v1beta1")).isTrue();

    JsonNode wardle = json(get("/apis", "Accept", V2_ACCEPT)).path("items").path(0);
    List<String> versions = new ArrayList<>();
    wardle.path("versions").forEach(v -> versions.add(v.path("version").asString()));
    assertThat(versions).containsExactly("v1alpha1");
  }
}
