package io.kapi.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.discovery.v2.APIGroupDiscoveryList;
import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.meta.ObjectMeta;
import io.kapi.api.meta.PartialObjectMetadataList;
import io.kapi.api.meta.Status;
import io.kapi.api.meta.Table;
import io.kapi.api.meta.WatchEvent;
import io.kapi.api.testing.Golden;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.api.unstructured.UnstructuredList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Upstream-shaped JSON (Go struct field order, omit-empty rules, Go escapes) written out in Go's
 * MarshalIndent layout must come back byte for byte: compact through the encoder, pretty through
 * encodePretty, both as a generic tree and as the typed record.
 */
class UpstreamJsonRoundTripTest {
  private static final ApiCodec JSON = ApiCodec.json();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pod.json", "configmap.json", "table.json", "status-invalid.json", "watch-event.json",
        "apigroupdiscoverylist.json", "deleteoptions.json", "partialobjectmetadatalist.json",
        "foolist.json", "apiresourcelist-core.json"
      })
  void genericTreeRoundTripIsByteStable(String file) {
    String pretty = Golden.text("/golden/" + file);
    Unstructured object = JSON.decode(pretty.getBytes(UTF_8), Unstructured.class);

    assertThat(new String(JSON.encodePretty(object), UTF_8)).isEqualTo(pretty);
    assertThat(new String(JSON.encode(object), UTF_8)).isEqualTo(Golden.minify(pretty) + "\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "table.json:io.kapi.api.meta.Table",
        "status-invalid.json:io.kapi.api.meta.Status",
        "watch-event.json:io.kapi.api.meta.WatchEvent",
        "apigroupdiscoverylist.json:io.kapi.api.discovery.v2.APIGroupDiscoveryList",
        "deleteoptions.json:io.kapi.api.meta.DeleteOptions",
        "partialobjectmetadatalist.json:io.kapi.api.meta.PartialObjectMetadataList",
        "apiresourcelist-core.json:io.kapi.api.discovery.APIResourceList",
        "foolist.json:io.kapi.api.unstructured.UnstructuredList"
      })
  void typedRoundTripIsByteStable(String fileAndType) throws ClassNotFoundException {
    String[] parts = fileAndType.split(":");
    String pretty = Golden.text("/golden/" + parts[0]);
    Object typed = JSON.decode(pretty.getBytes(UTF_8), Class.forName(parts[1]));

    assertThat(new String(JSON.encodePretty(typed), UTF_8)).isEqualTo(pretty);
    assertThat(new String(JSON.encode(typed), UTF_8)).isEqualTo(Golden.minify(pretty) + "\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pod.json", "configmap.json"})
  void objectMetaOfBuiltInObjectsRoundTripsAsRecord(String file) {
    JsonNode metadata = JSON.decode(Golden.bytes("/golden/" + file), JsonNode.class).get("metadata");
    ObjectMeta meta = JSON.fromTree(metadata, ObjectMeta.class);

    assertThat(JSON.encode(meta)).isEqualTo(JSON.encode(metadata));
    assertThat(JSON.toTree(meta)).isEqualTo(metadata);
  }

  @Test
  void typedRecordsExposeTheDecodedValues() {
    Status status = JSON.decode(Golden.bytes("/golden/status-invalid.json"), Status.class);
    assertThat(status.code()).isEqualTo(422);
    assertThat(status.details().causes()).extracting(c -> c.field())
        .containsExactly("spec.replicas", "metadata.name");

    Table table = JSON.decode(Golden.bytes("/golden/table.json"), Table.class);
    assertThat(table.rows().get(1).cells()).element(3).isEqualTo(1e-7);
    assertThat(table.rows().get(1).object()).isNull();
    assertThat(table.rows().get(0).object().get("kind").stringValue())
        .isEqualTo("PartialObjectMetadata");

    WatchEvent event = JSON.decode(Golden.bytes("/golden/watch-event.json"), WatchEvent.class);
    assertThat(event.type()).isEqualTo(WatchEvent.MODIFIED);
    assertThat(new Unstructured((tools.jackson.databind.node.ObjectNode) event.object()).getGeneration())
        .isEqualTo(2);

    APIGroupDiscoveryList discovery =
        JSON.decode(Golden.bytes("/golden/apigroupdiscoverylist.json"), APIGroupDiscoveryList.class);
    assertThat(discovery.items()).extracting(g -> g.group())
        .containsExactly("", "apps", "samplecontroller.k8s.io");
    assertThat(discovery.items().get(1).versions().get(0).resources().get(0).subresources().get(0)
            .responseKind().toString())
        .isEqualTo("autoscaling/v1, Kind=Scale");

    DeleteOptions options = JSON.decode(Golden.bytes("/golden/deleteoptions.json"), DeleteOptions.class);
    assertThat(options.gracePeriodSeconds()).isZero();
    assertThat(options.dryRunAll()).isTrue();

    PartialObjectMetadataList list =
        JSON.decode(Golden.bytes("/golden/partialobjectmetadatalist.json"), PartialObjectMetadataList.class);
    assertThat(list.metadata().remainingItemCount()).isZero();
    assertThat(list.items().get(0).metadata().deletionGracePeriodSeconds()).isZero();

    UnstructuredList foos = JSON.decode(Golden.bytes("/golden/foolist.json"), UnstructuredList.class);
    assertThat(foos.getContinue()).isEmpty();
    assertThat(foos.getResourceVersion()).isEqualTo("1240");
    assertThat(foos.getItems()).extracting(Unstructured::getName).containsExactly("example-foo");

    APIResourceList resources = JSON.decode(Golden.bytes("/golden/apiresourcelist-core.json"), APIResourceList.class);
    assertThat(resources.apiVersion()).isNull();
  }
}
