package io.kapi.server.schema;

import static io.kapi.server.schema.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
  private static final OpenApiDocument CORE = OpenApiDocument.coreV1();

  @Test
  void coreKindsAreMappedToTheirComponents() {
    assertThat(CORE.kinds())
        .containsEntry(GroupVersionKind.of("", "v1", "Pod"), "io.k8s.api.core.v1.Pod")
        .containsEntry(GroupVersionKind.of("", "v1", "ConfigMap"), "io.k8s.api.core.v1.ConfigMap")
        .containsEntry(GroupVersionKind.of("", "v1", "Service"), "io.k8s.api.core.v1.Service")
        .containsEntry(GroupVersionKind.of("", "v1", "Namespace"), "io.k8s.api.core.v1.Namespace")
        .containsEntry(GroupVersionKind.of("", "v1", "Secret"), "io.k8s.api.core.v1.Secret");
    assertThat(CORE.schemaFor(GroupVersionKind.of("", "v1", "Nope"))).isEmpty();
  }

  @Test
  void componentsResolveWrappedReferences() {
    StructuralSchema pod = CORE.component("io.k8s.api.core.v1.Pod").orElseThrow();
    StructuralSchema spec = pod.property("spec").orElseThrow();

    assertThat(pod.type()).contains("object");
    assertThat(pod.properties())
        .containsOnlyKeys("apiVersion", "kind", "metadata", "spec", "status");
    assertThat(spec.description())
        .hasValueSatisfying(
            d -> assertThat(d).startsWith("Specification of the desired behavior of the pod."));
    assertThat(spec.defaultValue()).contains(parse("{}"));
    assertThat(spec.required()).containsExactly("containers");
    assertThat(spec.property("containers").orElseThrow().items().orElseThrow().property("image"))
        .hasValueSatisfying(image -> assertThat(image.type()).contains("string"));
  }

  @Test
  void configMapSecretServiceAndNamespaceHaveTheirFields() {
    StructuralSchema configMap = CORE.component("io.k8s.api.core.v1.ConfigMap").orElseThrow();
    StructuralSchema secret = CORE.component("io.k8s.api.core.v1.Secret").orElseThrow();
    StructuralSchema service = CORE.component("io.k8s.api.core.v1.Service").orElseThrow();
    StructuralSchema namespace = CORE.component("io.k8s.api.core.v1.Namespace").orElseThrow();

    assertThat(configMap.property("data").orElseThrow().additionalProperties().orElseThrow().type())
        .contains("string");
    assertThat(secret.property("data").orElseThrow().additionalProperties().orElseThrow().format())
        .contains("byte");
    StructuralSchema targetPort =
        service
            .property("spec")
            .orElseThrow()
            .property("ports")
            .orElseThrow()
            .items()
            .orElseThrow()
            .property("targetPort")
            .orElseThrow();
    assertThat(targetPort.intOrString()).isTrue();
    assertThat(targetPort.type()).isEmpty();
    assertThat(
            namespace
                .property("spec")
                .orElseThrow()
                .property("finalizers")
                .orElseThrow()
                .listType())
        .contains("atomic");
  }

  @Test
  void goTypesGetTheirStructuralMeaning() {
    StructuralSchema fieldsV1 =
        CORE.component("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1").orElseThrow();
    StructuralSchema quantity =
        CORE.component("io.k8s.apimachinery.pkg.api.resource.Quantity").orElseThrow();
    StructuralSchema containerPort =
        CORE.component("io.k8s.api.core.v1.ContainerPort").orElseThrow();

    assertThat(fieldsV1.preserveUnknownFields()).isTrue();
    assertThat(quantity.oneOf()).hasSize(2);
    assertThat(containerPort.property("containerPort").orElseThrow().defaultValue()).isEmpty();
    assertThat(containerPort.property("protocol").orElseThrow().defaultValue())
        .contains(parse("'TCP'"));
  }

  @Test
  void cyclicReferencesResolveLazily() {
    OpenApiDocument doc =
        OpenApiDocument.parse(
            parse(
                "{'components':{'schemas':{'Props':{'type':'object','properties':{"
                    + "'not':{'$ref':'#/components/schemas/Props'},"
                    + "'items':{'type':'array','items':{'allOf':[{'$ref':'#/components/schemas/Props'}],"
                    + "'description':'nested'}}}}}}}"));

    StructuralSchema props = doc.component("Props").orElseThrow();
    StructuralSchema deep = props;
    for (int i = 0; i < 50; i++) {
      deep = deep.property("not").orElseThrow();
    }

    assertThat(deep).isSameAs(props);
    StructuralSchema item = props.property("items").orElseThrow().items().orElseThrow();
    assertThat(item.description()).contains("nested");
    assertThat(item.property("not").orElseThrow()).isSameAs(props);
    assertThat(SchemaValidator.validate(props, parse("{'not':{'not':{'items':[{'not':5}]}}}")))
        .hasSize(1);
  }

  @Test
  void danglingReferencesFailWhenReached() {
    OpenApiDocument doc =
        OpenApiDocument.parse(
            parse(
                "{'components':{'schemas':{'A':{'type':'object','properties':{'b':{'$ref':'#/components/schemas/B'}}}}}}"));
    StructuralSchema a = doc.component("A").orElseThrow();

    assertThatThrownBy(() -> a.property("b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("#/components/schemas/B");
    assertThat(doc.component("B")).isEmpty();
    assertThat(doc.componentNames()).isEqualTo(java.util.Set.of("A"));
  }

  @Test
  void aDocumentWithoutComponentsIsRejected() {
    assertThatThrownBy(() -> OpenApiDocument.parse(parse("{'openapi':'3.0.0'}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(List.copyOf(CORE.componentNames())).contains("io.k8s.api.core.v1.Pod");
  }
}
