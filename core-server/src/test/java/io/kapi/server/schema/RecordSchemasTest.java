package io.kapi.server.schema;

import static io.kapi.server.schema.Json.object;
import static io.kapi.server.schema.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RecordSchemasTest {
  enum Phase {
    PENDING,
    @JsonProperty("Running")
    RUNNING
  }

  record Port(@Required String name, int port, @Nullable String protocol) {}

  record Spec(
      @Required String image,
      @Nullable Integer replicas,
      long memory,
      double ratio,
      boolean paused,
      Phase phase,
      List<Port> ports,
      Set<String> tags,
      Map<String, String> selector,
      Map<String, List<Integer>> groups,
      Instant startAt,
      byte[] payload,
      JsonNode config,
      Optional<String> nickname,
      @JsonProperty("max-surge") Integer maxSurge,
      @JsonPropertyDescription("Why it exists.") String reason,
      @JsonIgnore String internal,
      ObjectMeta templateMetadata) {}

  record Widget(String apiVersion, String kind, ObjectMeta metadata, @Required Spec spec) {}

  record Tree(String name, List<Tree> children, @Nullable Tree parent) {}

  record BadKey(Map<Integer, String> byNumber) {}

  record Pojo(Thread thread) {}

  private static StructuralSchema spec() {
    return RecordSchemas.schemaOf(Widget.class).property("spec").orElseThrow();
  }

  private static StructuralSchema field(String name) {
    return spec().property(name).orElseThrow();
  }

  @Test
  void scalarsMapToTypesAndFormats() {
    assertThat(field("image").type()).contains("string");
    assertThat(field("replicas").type()).contains("integer");
    assertThat(field("replicas").format()).contains("int32");
    assertThat(field("memory").format()).contains("int64");
    assertThat(field("ratio").type()).contains("number");
    assertThat(field("paused").type()).contains("boolean");
    assertThat(field("startAt").format()).contains("date-time");
    assertThat(field("payload").format()).contains("byte");
    assertThat(field("nickname").type()).contains("string");
  }

  @Test
  void enumsListTheirJacksonNames() {
    assertThat(field("phase").enumValues()).containsExactly(parse("'PENDING'"), parse("'Running'"));
  }

  @Test
  void collectionsAndMapsNest() {
    StructuralSchema ports = field("ports");
    StructuralSchema groups = field("groups");

    assertThat(ports.type()).contains("array");
    assertThat(ports.items().orElseThrow().required()).containsExactly("name");
    assertThat(field("tags").listType()).contains("set");
    assertThat(field("selector").additionalProperties().orElseThrow().type()).contains("string");
    assertThat(groups.additionalProperties().orElseThrow().items().orElseThrow().type())
        .contains("integer");
    assertThat(field("config").preserveUnknownFields()).isTrue();
    assertThat(field("config").type()).isEmpty();
  }

  @Test
  void jacksonAnnotationsNameDescribeAndHide() {
    assertThat(spec().properties())
        .containsKey("max-surge")
        .doesNotContainKeys("maxSurge", "internal");
    assertThat(field("reason").description()).contains("Why it exists.");
  }

  @Test
  void onlyAnnotatedComponentsAreRequired() {
    assertThat(spec().required()).containsExactly("image");
    assertThat(RecordSchemas.schemaOf(Widget.class).required()).containsExactly("spec");
  }

  @Test
  void rootTypeMetaAndMetadataAreShapedLikeACrd() {
    StructuralSchema widget = RecordSchemas.schemaOf(Widget.class);

    assertThat(widget.property("apiVersion").orElseThrow().type()).contains("string");
    assertThat(widget.property("metadata").orElseThrow().type()).contains("object");
    assertThat(widget.property("metadata").orElseThrow().properties()).isEmpty();
    assertThat(field("templateMetadata").property("ownerReferences")).isPresent();
    assertThat(widget.structuralErrors("schema")).isEmpty();
  }

  @Test
  void recursiveRecordsResolveToTheSameNode() {
    StructuralSchema tree = RecordSchemas.schemaOf(Tree.class);
    StructuralSchema child = tree.property("children").orElseThrow().items().orElseThrow();

    assertThat(child.property("children").orElseThrow().items().orElseThrow()).isSameAs(child);
    assertThat(child.property("parent").orElseThrow()).isSameAs(child);
    assertThat(
            SchemaValidator.validate(tree, parse("{'children':[{'children':[{'name':5}]}]}"))
                .stream()
                .map(FieldError::field))
        .containsExactly("children[0].children[0].name");
  }

  @Test
  void schemasAreCachedPerClass() {
    assertThat(RecordSchemas.schemaOf(Widget.class)).isSameAs(RecordSchemas.schemaOf(Widget.class));
  }

  @Test
  void unsupportedTypesFailFast() {
    assertThatThrownBy(() -> RecordSchemas.schemaOf(BadKey.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("map keys must be strings");
    assertThatThrownBy(() -> RecordSchemas.schemaOf(Pojo.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Thread");
  }

  @Test
  void generatedSchemasDriveTheWholeEngine() {
    ResourceSchema widgets = ResourceSchema.fromRecord(Widget.class);
    ObjectNode widget =
        object(
            "{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','bogus':1},"
                + "'spec':{'image':'nginx','replicas':'two','phase':'Stopped','ports':[{'port':80}],"
                + "'config':{'any':{'thing':true}},'extra':1,'internal':'x'}}");

    assertThat(widgets.prune(widget))
        .containsExactly("metadata.bogus", "spec.extra", "spec.internal");
    widgets.applyDefaults(widget);
    assertThat(widgets.validate(widget).stream().map(FieldError::toString))
        .containsExactly(
            "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type"
                + " integer: \"string\"",
            "spec.phase: Unsupported value: \"Stopped\": supported values: \"PENDING\","
                + " \"Running\"",
            "spec.ports[0].name: Required value");
    assertThat(widget.at("/spec/config")).isEqualTo(parse("{'any':{'thing':true}}"));
  }
}
