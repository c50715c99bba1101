package io.kapi.server.patch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.schema.ResourceSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SchemaPatchSchemaTest {
  private static final PatchSchema POD =
      SchemaPatchSchema.of(
          ResourceSchema.forKind(OpenApiDocument.coreV1(), new GroupVersionKind("", "v1", "Pod"))
              .patchMetadata());

  private static ObjectNode json(String s) {
    return (ObjectNode) ApiCodec.json().decode(s.getBytes(UTF_8), tools.jackson.databind.JsonNode.class);
  }

  @Test
  void podContainersMergeByNameFromThePublishedSchema() {
    PatchSchema containers = POD.field("spec").field("containers");
    assertThat(containers.patchMergeKey()).hasValue("name");
    assertThat(containers.patchStrategies()).contains("merge");
    assertThat(containers.items().field("env").patchMergeKey()).hasValue("name");
    assertThat(POD.field("spec").field("nope").isKnown()).isFalse();
  }

  @Test
  void strategicMergePatchOfAPodChangesOnlyTheNamedContainer() {
    ObjectNode pod =
        json(
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":["
                + "{\"name\":\"a\",\"image\":\"nginx:1\"},{\"name\":\"b\",\"image\":\"redis:6\"}]}}");
    ObjectNode patched =
        Patcher.create(3 << 20)
            .apply(
                PatchType.STRATEGIC_MERGE_PATCH,
                pod,
                "{\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"redis:7\"}]}}".getBytes(UTF_8),
                POD);
    assertThat(patched.at("/spec/containers/0/image").asString()).isEqualTo("nginx:1");
    assertThat(patched.at("/spec/containers/1/image").asString()).isEqualTo("redis:7");
    assertThat(patched.at("/spec/containers").size()).isEqualTo(2);
  }
}
