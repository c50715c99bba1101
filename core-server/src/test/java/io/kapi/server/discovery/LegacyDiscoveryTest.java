package io.kapi.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.v2.APIResourceDiscovery;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyDiscoveryTest {

  @Test
  void storageVersionHashMatchesUpstreamValues() {
    assertThat(LegacyDiscovery.storageVersionHash("", "v1", "Pod")).isEqualTo("xPOwRZ+Yhw8=");
    assertThat(LegacyDiscovery.storageVersionHash("apps", "v1", "Deployment"))
        .isEqualTo("8aSe+NMegvE=");
  }

  @Test
  void subresourcesMoveUnderTheirResource() {
    List<APIResource> legacy =
        List.of(
            new APIResource(
                "deployments",
                "deployment",
                true,
                null,
                null,
                "Deployment",
                List.of("create", "get", "list"),
                List.of("deploy"),
                List.of("all"),
                "8aSe+NMegvE="),
            new APIResource(
                "deployments/scale",
                "",
                true,
                "autoscaling",
                "v1",
                "Scale",
                List.of("get", "patch", "update"),
                null,
                null,
                null),
            new APIResource(
                "deployments/status",
                "",
                true,
                null,
                null,
                "Deployment",
                List.of("get"),
                null,
                null,
                null),
            new APIResource(
                "orphans/status",
                "",
                false,
                null,
                null,
                "Orphan",
                List.of("get"),
                null,
                null,
                null));
    List<APIResourceDiscovery> aggregated = LegacyDiscovery.toAggregated(legacy);
    assertThat(aggregated)
        .extracting(APIResourceDiscovery::resource)
        .containsExactly("deployments", "orphans");
    APIResourceDiscovery deployments = aggregated.get(0);
    assertThat(deployments.scope()).isEqualTo("Namespaced");
    assertThat(deployments.singularResource()).isEqualTo("deployment");
    assertThat(deployments.shortNames()).containsExactly("deploy");
    assertThat(deployments.categories()).containsExactly("all");
    assertThat(deployments.responseKind()).isEqualTo(GroupVersionKind.of("", "", "Deployment"));
    assertThat(deployments.subresources()).hasSize(2);
    assertThat(deployments.subresources().get(0).subresource()).isEqualTo("scale");
    assertThat(deployments.subresources().get(0).responseKind())
        .isEqualTo(GroupVersionKind.of("autoscaling", "v1", "Scale"));
    assertThat(deployments.subresources().get(0).verbs()).containsExactly("get", "patch", "update");
    APIResourceDiscovery orphans = aggregated.get(1);
    assertThat(orphans.scope()).isEqualTo("Cluster");
    assertThat(orphans.verbs()).isEmpty();
    assertThat(orphans.subresources().get(0).subresource()).isEqualTo("status");
  }

  @Test
  void aSubresourceInAnotherScopeThanItsParentIsAnError() {
    List<APIResource> legacy =
        List.of(
            new APIResource(
                "things", "thing", true, null, null, "Thing", List.of("get"), null, null, null),
            new APIResource(
                "things/status", "", false, null, null, "Thing", List.of("get"), null, null, null));
    assertThatThrownBy(() -> LegacyDiscovery.toAggregated(legacy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("things");
  }
}
