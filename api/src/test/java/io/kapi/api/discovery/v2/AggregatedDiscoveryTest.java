package io.kapi.api.discovery.v2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregatedDiscoveryTest {

  @Test
  void factoriesBuildTheUpstreamShape() {
    APIResourceDiscovery deployments =
        new APIResourceDiscovery(
            "deployments",
            GroupVersionKind.of("apps", "v1", "Deployment"),
            APIResourceDiscovery.SCOPE_NAMESPACED,
            "deployment",
            List.of("get", "list"),
            List.of("deploy"),
            null,
            List.of(
                new APISubresourceDiscovery(
                    "scale", GroupVersionKind.of("autoscaling", "v1", "Scale"), null, List.of("get"))));
    APIGroupDiscoveryList list =
        APIGroupDiscoveryList.of(
            List.of(
                APIGroupDiscovery.of("", List.of(APIVersionDiscovery.current("v1", List.of()))),
                APIGroupDiscovery.of("apps", List.of(APIVersionDiscovery.current("v1", List.of(deployments))))));

    assertThat(new String(ApiCodec.json().encode(list), UTF_8))
        .isEqualTo(
            "{\"kind\":\"APIGroupDiscoveryList\",\"apiVersion\":\"apidiscovery.k8s.io/v2\",\"metadata\":{},"
                + "\"items\":[{\"metadata\":{},\"versions\":[{\"version\":\"v1\",\"freshness\":\"Current\"}]},"
                + "{\"metadata\":{\"name\":\"apps\"},\"versions\":[{\"version\":\"v1\",\"resources\":["
                + "{\"resource\":\"deployments\",\"responseKind\":{\"group\":\"apps\",\"version\":\"v1\","
                + "\"kind\":\"Deployment\"},\"scope\":\"Namespaced\",\"singularResource\":\"deployment\","
                + "\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"deploy\"],\"subresources\":["
                + "{\"subresource\":\"scale\",\"responseKind\":{\"group\":\"autoscaling\",\"version\":\"v1\","
                + "\"kind\":\"Scale\"},\"verbs\":[\"get\"]}]}],\"freshness\":\"Current\"}]}]}\n");
    assertThat(list.items().get(0).group()).isEmpty();
  }

  @Test
  void verbsAreAlwaysWrittenEvenWhenEmpty() {
    APISubresourceDiscovery sub = new APISubresourceDiscovery("proxy", null, null, null);
    assertThat(new String(ApiCodec.json().encode(sub), UTF_8))
        .isEqualTo("{\"subresource\":\"proxy\",\"verbs\":[]}\n");
  }
}
