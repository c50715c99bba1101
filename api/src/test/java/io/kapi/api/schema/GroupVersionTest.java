package io.kapi.api.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import org.junit.jupiter.api.Test;

class GroupVersionTest {

  @Test
  void stringFormsMatchUpstream() {
    assertThat(GroupVersion.of("apps", "v1")).hasToString("apps/v1");
    assertThat(GroupVersion.of("", "v1")).hasToString("v1");
    assertThat(GroupResource.of("", "pods")).hasToString("pods");
    assertThat(GroupResource.of("apps", "deployments")).hasToString("deployments.apps");
    assertThat(GroupKind.of("apps", "Deployment")).hasToString("Deployment.apps");
    assertThat(GroupVersionKind.of("apps", "v1", "Deployment")).hasToString("apps/v1, Kind=Deployment");
    assertThat(GroupVersionKind.of("", "v1", "Pod")).hasToString("/v1, Kind=Pod");
    assertThat(GroupVersionResource.of("apps", "v1", "deployments"))
        .hasToString("apps/v1, Resource=deployments");
  }

  @Test
  void parseGroupVersionAcceptsUpstreamForms() {
    assertThat(GroupVersion.parse("apps/v1")).isEqualTo(GroupVersion.of("apps", "v1"));
    assertThat(GroupVersion.parse("v1")).isEqualTo(GroupVersion.of("", "v1"));
    assertThat(GroupVersion.parse("").isEmpty()).isTrue();
    assertThat(GroupVersion.parse("/").isEmpty()).isTrue();
    assertThatThrownBy(() -> GroupVersion.parse("a/b/c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unexpected GroupVersion string: a/b/c");
  }

  @Test
  void parseGroupResourceAndKindSplitAtTheFirstDot() {
    assertThat(GroupResource.parse("deployments.apps")).isEqualTo(GroupResource.of("apps", "deployments"));
    assertThat(GroupResource.parse("foos.samplecontroller.k8s.io"))
        .isEqualTo(GroupResource.of("samplecontroller.k8s.io", "foos"));
    assertThat(GroupResource.parse("pods")).isEqualTo(GroupResource.of("", "pods"));
    assertThat(GroupKind.parse("Deployment.apps")).isEqualTo(GroupKind.of("apps", "Deployment"));
  }

  @Test
  void conversionsBetweenNames() {
    GroupVersionKind gvk = GroupVersion.of("apps", "v1").withKind("Deployment");
    assertThat(gvk.apiVersion()).isEqualTo("apps/v1");
    assertThat(gvk.groupKind()).isEqualTo(GroupKind.of("apps", "Deployment"));
    assertThat(gvk.groupVersion()).isEqualTo(GroupVersion.of("apps", "v1"));
    assertThat(GroupVersionKind.fromApiVersionAndKind("v1", "Pod")).isEqualTo(GroupVersionKind.of("", "v1", "Pod"));
    assertThat(GroupVersionKind.fromApiVersionAndKind("a/b/c", "X")).isEqualTo(GroupVersionKind.of("", "", "X"));
    GroupVersionResource gvr = GroupVersion.of("apps", "v1").withResource("deployments");
    assertThat(gvr.groupResource().withVersion("v2")).isEqualTo(GroupVersionResource.of("apps", "v2", "deployments"));
  }

  @Test
  void groupVersionKindUsesTheMetaV1JsonShape() {
    GroupVersionKind gvk = GroupVersionKind.of("autoscaling", "v1", "Scale");
    String json = new String(ApiCodec.json().encode(gvk), UTF_8);
    assertThat(json).isEqualTo("{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"}\n");
    assertThat(ApiCodec.json().decode(json.getBytes(UTF_8), GroupVersionKind.class)).isEqualTo(gvk);
    assertThat(new String(ApiCodec.json().encode(GroupVersion.of("", "v1")), UTF_8))
        .isEqualTo("{\"group\":\"\",\"version\":\"v1\"}\n");
  }
}
