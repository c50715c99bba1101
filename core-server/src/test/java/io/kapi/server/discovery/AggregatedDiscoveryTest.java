package io.kapi.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.discovery.v2.APIGroupDiscovery;
import io.kapi.api.discovery.v2.APIResourceDiscovery;
import io.kapi.api.discovery.v2.APIVersionDiscovery;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.discovery.AggregatedDiscovery.Source;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AggregatedDiscoveryTest {

  private static APIVersionDiscovery version(String version, String... resources) {
    List<APIResourceDiscovery> list =
        java.util.Arrays.stream(resources)
            .map(
                r ->
                    new APIResourceDiscovery(
                        r,
                        GroupVersionKind.of("", "", "Kind"),
                        "Namespaced",
                        r,
                        List.of("get"),
                        List.of(),
                        List.of(),
                        List.of()))
            .toList();
    return APIVersionDiscovery.current(version, list);
  }

  private static List<String> groupNames(AggregatedDiscovery discovery) {
    return discovery.document().items().stream().map(APIGroupDiscovery::group).toList();
  }

  private static List<String> versions(AggregatedDiscovery discovery, String group) {
    return discovery.document().items().stream()
        .filter(g -> g.group().equals(group))
        .findFirst()
        .orElseThrow()
        .versions()
        .stream()
        .map(APIVersionDiscovery::version)
        .toList();
  }

  @Test
  void groupsOrderByHighestGroupPriorityThenName() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    discovery.addGroupVersion("zeta.example.com", version("v1"));
    discovery.addGroupVersion("alpha.example.com", version("v1"));
    discovery.addGroupVersion("apps", version("v1"));
    discovery.setGroupVersionPriority("apps", "v1", 17800, 15);
    discovery.addGroupVersion("batch", version("v1"));
    discovery.addGroupVersion("batch", version("v1beta1"));
    discovery.setGroupVersionPriority("batch", "v1beta1", 17400, 9);
    discovery.setGroupVersionPriority("batch", "v1", 500, 15);
    // batch takes its best version's group priority (17400); the rest default to 1000
    assertThat(groupNames(discovery))
        .containsExactly("apps", "batch", "alpha.example.com", "zeta.example.com");
  }

  @Test
  void versionsOrderByVersionPriorityThenKubernetesVersionOrder() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    for (String v : List.of("v1alpha1", "v1beta1", "v2", "v1", "v10beta3")) {
      discovery.addGroupVersion("example.com", version(v));
    }
    assertThat(versions(discovery, "example.com"))
        .containsExactly("v2", "v1", "v10beta3", "v1beta1", "v1alpha1");
    discovery.setGroupVersionPriority("example.com", "v1alpha1", 1000, 100);
    assertThat(versions(discovery, "example.com").get(0)).isEqualTo("v1alpha1");
  }

  @Test
  void theLowestSourceWinsForTheSameGroupVersion() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    discovery.addGroupVersion(Source.CRD, "example.com", version("v1", "fromcrd"));
    discovery.addGroupVersion(Source.CRD, "example.com", version("v2", "crdonly"));
    discovery.addGroupVersion(Source.BUILTIN, "example.com", version("v1", "builtin"));
    APIGroupDiscovery group = discovery.document().items().get(0);
    assertThat(group.versions()).hasSize(2);
    assertThat(
            group.versions().stream()
                .filter(v -> v.version().equals("v1"))
                .findFirst()
                .orElseThrow()
                .resources()
                .get(0)
                .resource())
        .isEqualTo("builtin");
    assertThat(discovery.removeGroup(Source.BUILTIN, "example.com")).isTrue();
    assertThat(
            discovery.document().items().get(0).versions().stream()
                .filter(v -> v.version().equals("v1"))
                .findFirst()
                .orElseThrow()
                .resources()
                .get(0)
                .resource())
        .isEqualTo("fromcrd");
  }

  @Test
  void removingTheLastVersionRemovesTheGroupAndItsPriority() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    discovery.addGroupVersion("apps", version("v1"));
    discovery.setGroupVersionPriority("apps", "v1", 17800, 15);
    discovery.addGroupVersion("other", version("v1"));
    discovery.setGroupVersionPriority("other", "v1", 2000, 15);
    assertThat(groupNames(discovery)).containsExactly("apps", "other");
    assertThat(discovery.removeGroupVersion(Source.BUILTIN, "apps", "v1")).isTrue();
    assertThat(discovery.removeGroupVersion(Source.BUILTIN, "apps", "v1")).isFalse();
    assertThat(groupNames(discovery)).containsExactly("other");
    discovery.addGroupVersion("apps", version("v1"));
    // the old priority is forgotten: apps is back at the default 1000
    assertThat(groupNames(discovery)).containsExactly("other", "apps");
  }

  @Test
  void setGroupsReplacesWhatASourceAdded() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    discovery.addGroupVersion(Source.AGGREGATOR, "old.example.com", version("v1"));
    discovery.addGroupVersion(Source.BUILTIN, "apps", version("v1"));
    discovery.setGroups(
        Source.AGGREGATOR,
        List.of(APIGroupDiscovery.of("new.example.com", List.of(version("v1"), version("v2")))));
    assertThat(groupNames(discovery)).containsExactlyInAnyOrder("apps", "new.example.com");
    assertThat(versions(discovery, "new.example.com")).containsExactly("v2", "v1");
  }

  @Test
  void anEqualAddChangesNothingAndListenersHearRealChanges() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    AtomicInteger changes = new AtomicInteger();
    discovery.addChangeListener(changes::incrementAndGet);
    discovery.addGroupVersion("apps", version("v1", "deployments"));
    String etag = discovery.etag();
    discovery.addGroupVersion("apps", version("v1", "deployments"));
    assertThat(changes).hasValue(1);
    assertThat(discovery.etag()).isEqualTo(etag);
    discovery.addGroupVersion("apps", version("v1", "deployments", "replicasets"));
    assertThat(changes).hasValue(2);
    assertThat(discovery.etag()).isNotEqualTo(etag).matches("[0-9A-F]{128}");
  }

  @Test
  void theDocumentHasUpstreamsShape() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    discovery.addGroupVersion("apps", version("v1", "deployments"));
    assertThat(new String(ApiCodec.json().encode(discovery.document()), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"kind\":\"APIGroupDiscoveryList\",\"apiVersion\":\"apidiscovery.k8s.io/v2\","
                + "\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"apps\"},\"versions\":[{"
                + "\"version\":\"v1\",\"resources\":[{\"resource\":\"deployments\",\"responseKind\":"
                + "{\"group\":\"\",\"version\":\"\",\"kind\":\"Kind\"},\"scope\":\"Namespaced\",\"singularResource\":\"deployments\",\"verbs\":[\"get\"]}],\"freshness\":\"Current\"}]}]}\n");
  }

  @Test
  void legacyViewsFollowTheSameOrder() {
    AggregatedDiscovery discovery = AggregatedDiscovery.create();
    discovery.addGroupVersion("", version("v1"));
    discovery.addGroupVersion("example.com", version("v1beta1"));
    discovery.addGroupVersion("example.com", version("v1"));
    assertThat(
            new String(ApiCodec.json().encode(discovery.legacyGroupList()), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"example.com\","
                + "\"versions\":[{\"groupVersion\":\"example.com/v1\",\"version\":\"v1\"},"
                + "{\"groupVersion\":\"example.com/v1beta1\",\"version\":\"v1beta1\"}],\"preferredVersion\":{\"groupVersion\":\"example.com/v1\",\"version\":\"v1\"}}]}\n");
    assertThat(discovery.legacyGroup("example.com").orElseThrow().kind()).isEqualTo("APIGroup");
    assertThat(discovery.legacyGroup("nope")).isEmpty();
  }
}
