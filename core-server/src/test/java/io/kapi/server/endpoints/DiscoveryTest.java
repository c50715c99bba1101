package io.kapi.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.server.DelegationTarget;
import io.kapi.server.NotFoundHandler;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.storage.memory.MemoryStorage;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private static final String ALL_VERBS =
      "[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]";

  @Test
  void groupVersionListsResourcesAndSubresourcesInPathOrder() throws Exception {
    try (TestApi api = TestApi.start()) {
      HttpResponse<String> response = api.get("/apis/example.com/v1");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .isEqualTo(
              "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"example.com/v1\","
                  + "\"resources\":["
                  + "{\"name\":\"gadgets\",\"singularName\":\"gadget\",\"namespaced\":false,"
                  + "\"kind\":\"Gadget\",\"verbs\":" + ALL_VERBS + ",\"storageVersionHash\":\""
                  + DiscoveryDocuments.storageVersionHash("example.com", "v1", "Gadget") + "\"},"
                  + "{\"name\":\"widgets\",\"singularName\":\"widget\",\"namespaced\":true,"
                  + "\"kind\":\"Widget\",\"verbs\":" + ALL_VERBS + ",\"shortNames\":[\"wd\"],"
                  + "\"categories\":[\"all\"],\"storageVersionHash\":\""
                  + DiscoveryDocuments.storageVersionHash("example.com", "v1", "Widget") + "\"},"
                  + "{\"name\":\"widgets/status\",\"singularName\":\"\",\"namespaced\":true,"
                  + "\"kind\":\"Widget\",\"verbs\":[\"get\",\"patch\",\"update\"]}]}\n");
      assertThat(io.kapi.api.codec.ApiCodec.json().encode(api.group.resourceList("v1")))
          .isEqualTo(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(api.group.apiGroup().preferredVersion().version()).isEqualTo("v1");
    }
  }

  @Test
  void groupAnswersItsVersionsPreferredFirst() throws Exception {
    ApiGroupInfo twoVersions =
        ApiGroupInfo.builder("example.com")
            .version("v2", TestApi.WIDGETS)
            .version("v1", TestApi.WIDGETS)
            .build();
    try (TestApi api = TestApi.start(b -> b, twoVersions)) {
      assertThat(api.get("/apis/example.com").body())
          .isEqualTo(
              "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"example.com\",\"versions\":["
                  + "{\"groupVersion\":\"example.com/v2\",\"version\":\"v2\"},"
                  + "{\"groupVersion\":\"example.com/v1\",\"version\":\"v1\"}],"
                  + "\"preferredVersion\":{\"groupVersion\":\"example.com/v2\",\"version\":\"v2\"}}\n");
      // both versions hash the storage version (the preferred one)
      assertThat(api.get("/apis/example.com/v1").body())
          .contains(DiscoveryDocuments.storageVersionHash("example.com", "v2", "Widget"));
      // objects written in one version are served in the other's apiVersion
      api.createWidget("default", "a", "red");
      assertThat(TestApi.json(api.get("/apis/example.com/v2/namespaces/default/widgets/a"))
              .path("apiVersion").asString())
          .isEqualTo("example.com/v2");
    }
  }

  @Test
  void storageVersionHashMatchesUpstreamCheckValue() {
    assertThat(DiscoveryDocuments.storageVersionHash("", "v1", "Pod")).isEqualTo("xPOwRZ+Yhw8=");
    assertThat(DiscoveryDocuments.storageVersionHash("apps", "v1", "Deployment"))
        .isEqualTo("8aSe+NMegvE=");
  }

  @Test
  void coreGroupIsServedAtApiV1ThroughKubeApiServer() throws Exception {
    ResourceDefinition pods =
        ResourceDefinition.builder("pods", "Pod").shortNames("po").categories("all")
            .statusSubresource().build();
    ApiGroupInfo core = ApiGroupInfo.builder("").version("v1", pods).build();
    ServerConfig config = ServerConfig.defaults(() -> "127.0.0.1:6443");
    try (MemoryStorage storage = MemoryStorage.create()) {
      KubeApiServer kube =
          KubeApiServer.create(
              config,
              DelegationTarget.withHandler(new NotFoundHandler()),
              ApiInstaller.builder(storage).build(),
              core);
      Undertow undertow =
          Undertow.builder()
              .addHttpListener(0, "127.0.0.1")
              .setHandler(kube.genericServer().handler().fullHandlerChain())
              .build();
      undertow.start();
      try {
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String v1 = get(client, port, "/api/v1");
        assertThat(v1)
            .isEqualTo(
                "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
                    + "{\"name\":\"pods\",\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
                    + "\"verbs\":" + ALL_VERBS + ",\"shortNames\":[\"po\"],\"categories\":[\"all\"],"
                    + "\"storageVersionHash\":\"xPOwRZ+Yhw8=\"},"
                    + "{\"name\":\"pods/status\",\"singularName\":\"\",\"namespaced\":true,"
                    + "\"kind\":\"Pod\",\"verbs\":[\"get\",\"patch\",\"update\"]}]}\n");
        assertThat(get(client, port, "/api")).contains("\"kind\":\"APIVersions\"");
        String created =
            client
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/namespaces/default/pods"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"nginx\"}}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(created).contains("\"name\":\"nginx\"");
        assertThat(storage.get("/registry/pods/default/nginx")).isPresent();
        assertThat(kube.coreGroup()).isPresent();
      } finally {
        undertow.stop();
        kube.coreGroup().ifPresent(InstalledApiGroup::close);
      }
    }
  }

  @Test
  void installingAGroupTwiceFails() {
    try (TestApi api = TestApi.start()) {
      assertThatThrownBy(
              () -> ApiInstaller.builder(api.storage).build().install(api.server, TestApi.GROUP))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("/apis/example.com/v1");
    }
  }

  private static String get(HttpClient client, int port, String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
