package io.kapi.api.unstructured;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.meta.ObjectMeta;
import io.kapi.api.meta.OwnerReference;
import io.kapi.api.meta.Status;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.api.selector.FieldSelector;
import io.kapi.api.selector.LabelSelector;
import io.kapi.api.testing.Golden;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

class UnstructuredTest {
  private static final Instant T = Instant.parse("2024-01-01T10:00:00Z");

  private static Unstructured pod() {
    return Unstructured.decode(ApiCodec.json(), Golden.bytes("/golden/pod.json"));
  }

  @Test
  void typedAccessorsReadTheTree() {
    Unstructured pod = pod();
    assertThat(pod.getApiVersion()).isEqualTo("v1");
    assertThat(pod.getKind()).isEqualTo("Pod");
    assertThat(pod.getGroupVersionKind()).isEqualTo(GroupVersionKind.of("", "v1", "Pod"));
    assertThat(pod.getName()).isEqualTo("web-7d4b9c8f5-x2x7p");
    assertThat(pod.getGenerateName()).isEqualTo("web-7d4b9c8f5-");
    assertThat(pod.getNamespace()).isEqualTo("default");
    assertThat(pod.getUid()).isEqualTo("5e1c4b2a-8f3d-4c1e-9a7b-2d6f0e9c3b1a");
    assertThat(pod.getResourceVersion()).isEqualTo("48213");
    assertThat(pod.getGeneration()).isZero();
    assertThat(pod.getCreationTimestamp()).isEqualTo(T);
    assertThat(pod.getDeletionTimestamp()).isNull();
    assertThat(pod.getDeletionGracePeriodSeconds()).isNull();
    assertThat(pod.getLabels()).containsExactly(Map.entry("app", "web"), Map.entry("pod-template-hash", "7d4b9c8f5"));
    assertThat(pod.getAnnotations()).isEmpty();
    assertThat(pod.getFinalizers()).isEmpty();
    assertThat(pod.getOwnerReferences())
        .containsExactly(
            OwnerReference.controller("apps/v1", "ReplicaSet", "web-7d4b9c8f5", "0b7a1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d", true));
    assertThat(pod.getObjectMeta().managedFields()).hasSize(2);
    assertThat(pod.getNestedString("spec", "nodeName")).isEqualTo("node-1");
    assertThat(pod.getNested("spec", "containers", "x")).isNull();
  }

  @Test
  void settersWriteAndEmptyValuesRemove() {
    Unstructured u = Unstructured.of("samplecontroller.k8s.io/v1alpha1", "Foo");
    u.setName("example");
    u.setNamespace("default");
    u.setUid("u1");
    u.setResourceVersion("3");
    u.setGeneration(1);
    u.setCreationTimestamp(T.plusMillis(500));
    u.setLabels(Map.of("b", "2", "a", "1"));
    u.setAnnotations(Map.of("x", "y"));
    u.setFinalizers(List.of("example.com/f"));
    u.setDeletionGracePeriodSeconds(0L);
    assertThat(u.toString())
        .isEqualTo(
            "{\"apiVersion\":\"samplecontroller.k8s.io/v1alpha1\",\"kind\":\"Foo\",\"metadata\":{"
                + "\"name\":\"example\",\"namespace\":\"default\",\"uid\":\"u1\",\"resourceVersion\":\"3\","
                + "\"generation\":1,\"creationTimestamp\":\"2024-01-01T10:00:00Z\",\"labels\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"annotations\":{\"x\":\"y\"},\"finalizers\":[\"example.com/f\"],\"deletionGracePeriodSeconds\":0}}");

    u.setNamespace("");
    u.setGeneration(0);
    u.setCreationTimestamp(null);
    u.setLabels(Map.of());
    u.setAnnotations(null);
    u.setFinalizers(List.of());
    u.setDeletionGracePeriodSeconds(null);
    u.setUid(null);
    u.setResourceVersion(null);
    assertThat(u.toString())
        .isEqualTo(
            "{\"apiVersion\":\"samplecontroller.k8s.io/v1alpha1\",\"kind\":\"Foo\",\"metadata\":{\"name\":\"example\"}}");
  }

  @Test
  void groupVersionKindIsWrittenAsApiVersionAndKind() {
    Unstructured u = new Unstructured();
    u.setGroupVersionKind(GroupVersionKind.of("apps", "v1", "Deployment"));
    assertThat(u.getApiVersion()).isEqualTo("apps/v1");
    assertThat(u.getKind()).isEqualTo("Deployment");
    assertThat(new Unstructured().getGroupVersionKind().isEmpty()).isTrue();
  }

  @Test
  void labelsViewIsLiveAndReadOnly() {
    Unstructured u = pod();
    Map<String, String> labels = u.getLabels();
    u.setLabels(Map.of("app", "db"));
    assertThat(u.getLabels().get("app")).isEqualTo("db");
    assertThatThrownBy(() -> u.getLabels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(labels).containsKey("app");
  }

  @Test
  void selectorsMatchUnstructuredObjects() {
    Unstructured pod = pod();
    assertThat(LabelSelector.parse("app=web,pod-template-hash").matches(pod.getLabels())).isTrue();
    assertThat(LabelSelector.parse("app in (db)").matches(pod.getLabels())).isFalse();
    assertThat(FieldSelector.parse("metadata.name=web-7d4b9c8f5-x2x7p,spec.nodeName=node-1").matches(pod::fieldValue))
        .isTrue();
    assertThat(FieldSelector.parse("status.phase!=Running").matches(pod::fieldValue)).isFalse();
    assertThat(pod.fieldValue("spec.terminationGracePeriodSeconds")).isEqualTo("30");
    assertThat(pod.fieldValue("spec.enableServiceLinks")).isEqualTo("true");
    assertThat(pod.fieldValue("spec.missing")).isEmpty();
    assertThat(pod.fieldValue("spec.containers")).isEmpty();
  }

  @Test
  void deepCopyIsIndependent() {
    Unstructured original = pod();
    Unstructured copy = original.deepCopy();
    copy.setName("other");
    assertThat(original.getName()).isEqualTo("web-7d4b9c8f5-x2x7p");
    assertThat(copy).isNotEqualTo(original);
    assertThat(original.deepCopy()).isEqualTo(original).hasSameHashCodeAs(original);
  }

  @Test
  void nestedFieldsCanBeSetAndRemoved() {
    Unstructured u = Unstructured.of("v1", "ConfigMap");
    u.setNested(StringNode.valueOf("v"), "data", "k");
    u.setNested(IntNode.valueOf(1), "spec", "replicas");
    assertThat(u.getNestedString("data", "k")).isEqualTo("v");
    u.removeNested("data", "k");
    assertThat(u.getNested("data")).hasToString("{}");
    assertThatThrownBy(() -> u.setNested(IntNode.valueOf(1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void convertsToAndFromTypedRecords() {
    Unstructured status = Unstructured.from(Status.failure(404, "NotFound", "x"));
    assertThat(status.getKind()).isEqualTo("Status");
    assertThat(status.to(Status.class).code()).isEqualTo(404);
    assertThatThrownBy(() -> Unstructured.from(List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an object");

    Unstructured u = Unstructured.of("v1", "ConfigMap");
    u.setObjectMeta(ObjectMeta.builder().name("cm").creationTimestamp(T).build());
    assertThat(u.toString())
        .isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\",\"creationTimestamp\":\"2024-01-01T10:00:00Z\"}}");
    assertThat(u.getObjectMeta().name()).isEqualTo("cm");
  }

  @Test
  void sortKeysGivesGoMapOrder() {
    Unstructured u = Unstructured.decode(ApiCodec.json(), "{\"spec\":{\"b\":1,\"a\":2},\"kind\":\"Foo\",\"apiVersion\":\"x/v1\"}".getBytes(UTF_8));
    u.sortKeys();
    assertThat(new String(u.encode(ApiCodec.json()), UTF_8))
        .isEqualTo("{\"apiVersion\":\"x/v1\",\"kind\":\"Foo\",\"spec\":{\"a\":2,\"b\":1}}\n");
  }

  @Test
  void malformedMetadataValuesReadAsAbsent() {
    Unstructured u =
        Unstructured.decode(
            ApiCodec.json(),
            "{\"metadata\":{\"name\":5,\"generation\":\"x\",\"labels\":[],\"creationTimestamp\":\"nope\",\"finalizers\":[1,\"a\"]}}"
                .getBytes(UTF_8));
    assertThat(u.getName()).isNull();
    assertThat(u.getGeneration()).isZero();
    assertThat(u.getLabels()).isEmpty();
    assertThat(u.getCreationTimestamp()).isNull();
    assertThat(u.getFinalizers()).containsExactly("a");
  }
}
