package io.kapi.api.meta;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class ObjectMetaTest {
  private static final Instant T = Instant.parse("2024-01-01T10:00:00Z");

  private static String json(Object value) {
    return new String(ApiCodec.json().encode(value), UTF_8);
  }

  @Test
  void emptyMetadataIsAnEmptyObjectWithoutCreationTimestamp() {
    assertThat(json(ObjectMeta.empty())).isEqualTo("{}\n");
    assertThat(json(PartialObjectMetadata.of(ObjectMeta.empty())))
        .isEqualTo("{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{}}\n");
  }

  @Test
  void everyFieldIsWrittenInUpstreamOrder() {
    ObjectMeta meta =
        ObjectMeta.builder()
            .managedFields(
                List.of(
                    ManagedFieldsEntry.of(
                        "kubectl", ManagedFieldsEntry.OPERATION_APPLY, "v1", T,
                        JsonNodeFactory.instance.objectNode().putObject("f:data"), null)))
            .finalizers(List.of("example.com/x"))
            .ownerReferences(List.of(OwnerReference.controller("apps/v1", "ReplicaSet", "rs", "u1", true)))
            .annotations(Map.of("note", "<&>"))
            .labels(Map.of("z", "1", "a", "2"))
            .deletionGracePeriodSeconds(30L)
            .deletionTimestamp(T.plusSeconds(30))
            .creationTimestamp(T)
            .generation(2)
            .resourceVersion("7")
            .uid("u2")
            .selfLink("/api/v1/x")
            .namespace("default")
            .generateName("web-")
            .name("web-abcde")
            .build();
    assertThat(json(meta))
        .isEqualTo(
            "{\"name\":\"web-abcde\",\"generateName\":\"web-\",\"namespace\":\"default\","
                + "\"selfLink\":\"/api/v1/x\",\"uid\":\"u2\",\"resourceVersion\":\"7\",\"generation\":2,"
                + "\"creationTimestamp\":\"2024-01-01T10:00:00Z\",\"deletionTimestamp\":\"2024-01-01T10:00:30Z\","
                + "\"deletionGracePeriodSeconds\":30,\"labels\":{\"a\":\"2\",\"z\":\"1\"},"
                + "\"annotations\":{\"note\":\"\\u003c\\u0026\\u003e\"},"
                + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"rs\","
                + "\"uid\":\"u1\",\"controller\":true,\"blockOwnerDeletion\":true}],"
                + "\"finalizers\":[\"example.com/x\"],"
                + "\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Apply\",\"apiVersion\":\"v1\","
                + "\"time\":\"2024-01-01T10:00:00Z\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{}}]}\n");
  }

  @Test
  void pointerFieldsKeepZeroAndEmptyValues() {
    ObjectMeta meta = ObjectMeta.builder().deletionGracePeriodSeconds(0L).generation(0).build();
    assertThat(json(meta)).isEqualTo("{\"deletionGracePeriodSeconds\":0}\n");
    assertThat(json(new Preconditions("", null))).isEqualTo("{\"uid\":\"\"}\n");
    assertThat(json(OwnerReference.of("v1", "Node", "n", ""))).contains("\"uid\":\"\"");
  }

  @Test
  void withMethodsCopyAndTruncateTimes() {
    ObjectMeta meta = ObjectMeta.builder().name("a").build();
    ObjectMeta stored =
        meta.withUid("u")
            .withResourceVersion("5")
            .withGeneration(1)
            .withCreationTimestamp(T.plusMillis(900))
            .withDeletionTimestamp(T.plusSeconds(1).plusNanos(5))
            .withLabels(Map.of("k", "v"))
            .withAnnotations(Map.of("a", "b"))
            .withFinalizers(List.of("f"))
            .withNamespace("ns")
            .withName("b");
    assertThat(meta.uid()).isNull();
    assertThat(stored.name()).isEqualTo("b");
    assertThat(stored.namespace()).isEqualTo("ns");
    assertThat(stored.uid()).isEqualTo("u");
    assertThat(stored.resourceVersion()).isEqualTo("5");
    assertThat(stored.generation()).isEqualTo(1);
    assertThat(stored.creationTimestamp()).isEqualTo(T);
    assertThat(stored.deletionTimestamp()).isEqualTo(T.plusSeconds(1));
    assertThat(stored.labels()).containsExactly(Map.entry("k", "v"));
    assertThat(stored.annotations()).containsExactly(Map.entry("a", "b"));
    assertThat(stored.finalizers()).containsExactly("f");
    assertThat(stored.withLabels(null).labels()).isEmpty();
    assertThat(stored.toBuilder().build()).isEqualTo(stored);
  }

  @Test
  void collectionsAreImmutableCopiesAndNeverNull() {
    Map<String, String> labels = new HashMap<>(Map.of("a", "1"));
    ObjectMeta meta = ObjectMeta.builder().labels(labels).build();
    labels.put("b", "2");
    assertThat(meta.labels()).containsOnlyKeys("a");
    assertThatThrownBy(() -> meta.labels().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(ObjectMeta.empty().ownerReferences()).isEmpty();
    assertThat(ObjectMeta.empty().managedFields()).isEmpty();
  }

  @Test
  void decodingIsLenientLikeGo() {
    ObjectMeta meta =
        ApiCodec.json()
            .decode(
                "{\"name\":\"x\",\"generation\":null,\"labels\":{\"a\":null},\"unknown\":1,\"creationTimestamp\":null}"
                    .getBytes(UTF_8),
                ObjectMeta.class);
    assertThat(meta.name()).isEqualTo("x");
    assertThat(meta.generation()).isZero();
    assertThat(meta.labels()).containsExactly(Map.entry("a", ""));
    assertThat(meta.creationTimestamp()).isNull();
  }
}
