package io.kapi.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kapi.api.codec.ApiCodec;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.schema.Required;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class KindSchemasTest {
  private static final GroupVersionKind POD = GroupVersionKind.of("", "v1", "Pod");
  private static final GroupVersionKind GADGET = GroupVersionKind.of("example.com", "v1", "Gadget");

  record GadgetSpec(
      @Required @JsonPropertyDescription("The gadget's color.") String color, Integer size) {}

  record Gadget(String apiVersion, String kind, JsonNode metadata, GadgetSpec spec) {}

  record Tree(String name, List<Tree> children) {}

  record TreeKind(String apiVersion, String kind, JsonNode metadata, Tree root) {}

  private static ObjectNode json(String text) {
    return (ObjectNode) ApiCodec.json().decode(text.getBytes(), JsonNode.class);
  }

  @Test
  void publishedKindsAreFoundByTheirGroupVersionKindAndOnlyPrune() {
    KindSchemas published = KindSchemas.published(OpenApiDocument.coreV1());

    assertThat(published.componentName(POD)).contains("io.k8s.api.core.v1.Pod");
    assertThat(published.components()).containsKey("io.k8s.api.core.v1.PodSpec");
    ObjectSchemaHook hook = published.schemaHook(POD).orElseThrow();
    ObjectNode pod = json("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":{\"foo\":1}}");
    assertThat(hook.prune(pod)).containsExactly("spec.foo");
    // PodSpec requires containers; a built-in's strategy validates, not its published schema
    assertThat(hook.validate(pod)).isEmpty();
    assertThat(published.schemaHook(GADGET)).isEmpty();
  }

  @Test
  void recordKindsArePublishedLikeCrdSchemasAndValidate() {
    KindSchemas records = KindSchemas.records(Map.of(GADGET, Gadget.class));

    assertThat(records.componentName(GADGET)).contains("com.example.v1.Gadget");
    JsonNode schema = records.components().get("com.example.v1.Gadget");
    assertThat(schema.path("properties").path("spec").path("properties").path("color").toString())
        .isEqualTo("{\"description\":\"The gadget's color.\",\"type\":\"string\"}");
    assertThat(schema.path("properties").path("spec").path("required").toString())
        .isEqualTo("[\"color\"]");
    assertThat(schema.path("properties").path("metadata").path("$ref").asString())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");

    ObjectSchemaHook hook = records.schemaHook(GADGET).orElseThrow();
    ObjectNode gadget = json("{\"spec\":{\"size\":2,\"foo\":true}}");
    assertThat(hook.prune(gadget)).containsExactly("spec.foo");
    assertThat(hook.validate(gadget)).extracting(e -> e.field()).containsExactly("spec.color");
  }

  @Test
  void recursiveRecordsEndInAnOpenObjectWhereTheyRecur() {
    GroupVersionKind trees = GroupVersionKind.of("example.com", "v1", "TreeKind");
    JsonNode schema =
        KindSchemas.records(Map.of(trees, TreeKind.class)).components().get("com.example.v1.TreeKind");

    JsonNode children = schema.path("properties").path("root").path("properties").path("children");
    assertThat(children.path("type").asString()).isEqualTo("array");
    assertThat(children.path("items").path("x-kubernetes-preserve-unknown-fields").asBoolean())
        .isTrue();
  }

  @Test
  void orAsksTheSecondSourceForKindsTheFirstDoesNotKnow() {
    KindSchemas both =
        KindSchemas.published(OpenApiDocument.coreV1())
            .or(KindSchemas.records(Map.of(GADGET, Gadget.class)));

    assertThat(both.componentName(POD)).contains("io.k8s.api.core.v1.Pod");
    assertThat(both.componentName(GADGET)).contains("com.example.v1.Gadget");
    assertThat(both.components()).containsKeys("io.k8s.api.core.v1.Pod", "com.example.v1.Gadget");
    assertThat(both.schemaHook(GADGET).orElseThrow().validate(json("{\"spec\":{}}"))).hasSize(1);
    assertThat(KindSchemas.NONE.or(KindSchemas.NONE).componentName(POD)).isEmpty();
  }

  @Test
  void generatedNamesReverseTheGroup() {
    assertThat(SchemaRef.generatedFor(GroupVersionKind.of("wardle.example.com", "v1alpha1", "Flunder")))
        .isEqualTo(SchemaRef.component("com.example.wardle.v1alpha1.Flunder"));
    assertThat(SchemaRef.generatedFor(POD).name()).isEqualTo("core.v1.Pod");
  }

  @Test
  void aTypeThatIsNotARecordIsRejected() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<GroupVersionKind, Class<? extends Record>> wrong = (Map) Map.of(GADGET, String.class);
    assertThatThrownBy(() -> KindSchemas.records(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a record");
  }
}
