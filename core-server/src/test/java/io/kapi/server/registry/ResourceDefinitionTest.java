package io.kapi.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.unstructured.Unstructured;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class ResourceDefinitionTest {

  @Test
  void defaultsDeriveNamesFromKind() {
    ResourceDefinition widgets = ResourceDefinition.builder("widgets", "Widget").build();

    assertThat(widgets.singular()).isEqualTo("widget");
    assertThat(widgets.listKind()).isEqualTo("WidgetList");
    assertThat(widgets.namespaced()).isTrue();
    assertThat(widgets.hasStatusSubresource()).isFalse();
    assertThat(widgets.strategy()).isSameAs(ResourceStrategy.DEFAULT);
    assertThat(widgets.schema()).isSameAs(ObjectSchemaHook.NONE);
    assertThat(widgets.tableColumns()).isEmpty();
  }

  @Test
  void storagePrefixIsPluralForCoreAndGroupSlashPluralOtherwise() {
    ResourceDefinition pods = ResourceDefinition.builder("pods", "Pod").build();
    ResourceDefinition services =
        ResourceDefinition.builder("services", "Service").storagePrefix("services/specs").build();

    assertThat(pods.storagePrefix("")).isEqualTo("pods");
    assertThat(pods.storagePrefix("example.com")).isEqualTo("example.com/pods");
    assertThat(services.storagePrefix("")).isEqualTo("services/specs");
  }

  @Test
  void badNamesFailNamingTheCulprit() {
    assertThatThrownBy(() -> ResourceDefinition.builder("Widgets", "Widget"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Widgets");
    assertThatThrownBy(() -> ResourceDefinition.builder("widgets", "wid-get"))
        .hasMessageContaining("wid-get");
    assertThatThrownBy(() -> ResourceDefinition.builder("widgets", "Widget").shortNames("w", "w"))
        .hasMessageContaining("short name w given twice");
    assertThatThrownBy(() -> ResourceDefinition.builder("widgets", "Widget").categories("All"))
        .hasMessageContaining("category All");
    assertThatThrownBy(() -> ResourceDefinition.builder("widgets", "Widget").storagePrefix("/x"))
        .hasMessageContaining("/x");
    assertThatThrownBy(
            () ->
                ResourceDefinition.builder("widgets", "Widget")
                    .tableColumns(TableColumn.age(), TableColumn.age()))
        .hasMessageContaining("table column Age defined twice");
  }

  @Test
  void defaultGenerationRuleIgnoresMetadataAndStatus() {
    Unstructured old = Unstructured.of("example.com/v1", "Widget");
    old.setNested(JsonNodeFactory.instance.stringNode("red"), "spec", "color");
    Unstructured statusOnly = old.deepCopy();
    statusOnly.setNested(JsonNodeFactory.instance.stringNode("ok"), "status", "phase");
    statusOnly.setLabels(java.util.Map.of("a", "b"));
    Unstructured specChange = old.deepCopy();
    specChange.setNested(JsonNodeFactory.instance.stringNode("blue"), "spec", "color");

    assertThat(ResourceStrategy.DEFAULT.generationChanged(statusOnly, old)).isFalse();
    assertThat(ResourceStrategy.DEFAULT.generationChanged(specChange, old)).isTrue();
  }

  @Test
  void updateSubresourcesAreListedOnceAndNeverStatus() {
    ResourceDefinition namespaces =
        ResourceDefinition.builder("namespaces", "Namespace")
            .clusterScoped()
            .statusSubresource()
            .updateSubresource("finalize")
            .build();

    assertThat(namespaces.updateSubresources()).containsExactly("finalize");
    assertThat(ResourceDefinition.builder("pods", "Pod").build().updateSubresources()).isEmpty();
    assertThatThrownBy(() -> ResourceDefinition.builder("pods", "Pod").updateSubresource("status"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resource pods: use statusSubresource() for status");
    assertThatThrownBy(
            () ->
                ResourceDefinition.builder("pods", "Pod")
                    .updateSubresource("finalize")
                    .updateSubresource("finalize"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resource pods: subresource finalize given twice");
    assertThatThrownBy(() -> ResourceDefinition.builder("pods", "Pod").updateSubresource("Bad_Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resource pods: subresource Bad_Name must be a lowercase DNS-1123 label");
  }
}
