package io.kapi.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.restcontainer.Container;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import org.junit.jupiter.api.Test;

class DirectorTest {
  private static WebService ws(String root) {
    return WebService.builder(root).route(Route.builder("GET", "").to(r -> {}).build()).build();
  }

  private final Container container = new Container((exchange, error) -> {});
  private final Director director = new Director("test", container, new PathRecorderMux("test"));

  @Test
  void apisWebServiceClaimsOnlyApisAndApisSlash() {
    container.add(ws("/apis"));
    assertThat(director.claimingWebService("/apis")).isNotNull();
    assertThat(director.claimingWebService("/apis/")).isNotNull();
    assertThat(director.claimingWebService("/apis/apps")).isNull();
    assertThat(director.claimingWebService("/apis/apps/v1/deployments")).isNull();
  }

  @Test
  void otherWebServicesClaimOnSegmentBoundariesOnly() {
    container.add(ws("/api/v1"));
    assertThat(director.claimingWebService("/api/v1").rootPath()).isEqualTo("/api/v1");
    assertThat(director.claimingWebService("/api/v1/namespaces/default/pods").rootPath())
        .isEqualTo("/api/v1");
    assertThat(director.claimingWebService("/api/v1x")).isNull();
    assertThat(director.claimingWebService("/api")).isNull();
  }

  @Test
  void firstRegisteredWebServiceWins() {
    container.add(ws("/api/v1"));
    container.add(ws("/api"));
    assertThat(director.claimingWebService("/api/v1/pods").rootPath()).isEqualTo("/api/v1");
    assertThat(director.claimingWebService("/api").rootPath()).isEqualTo("/api");
  }
}
