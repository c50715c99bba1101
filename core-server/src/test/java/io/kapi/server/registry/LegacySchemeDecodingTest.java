package io.kapi.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kapi.api.errors.ApiException;
import io.kapi.api.schema.GroupVersion;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.storage.memory.MemoryStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LegacySchemeDecodingTest {
  private final MemoryStorage storage = MemoryStorage.create();
  private final Store configMaps =
      Store.builder(
              storage,
              GroupVersion.of("", "v1"),
              ResourceDefinition.builder("configmaps", "ConfigMap").clusterScoped().build())
          .build();

  @AfterEach
  void close() {
    configMaps.close();
    storage.close();
  }

  private ApiException create(String apiVersion, String kind) {
    Unstructured body = Unstructured.of(apiVersion, kind);
    body.setName("a");
    return catchThrowableOfType(
        ApiException.class, () -> configMaps.create("", body, WriteOptions.DEFAULT));
  }

  @Test
  void anotherV1KindCannotBeConvertedToTheResourcesType() {
    ApiException e = create("v1", "Secret");
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.status().reason()).isEqualTo("BadRequest");
    assertThat(e.status().message())
        .isEqualTo(
            "Secret in version \"v1\" cannot be handled as a ConfigMap: converting (v1.Secret) to"
                + " (core.ConfigMap): unknown conversion");
  }

  @Test
  void unknownKindIsNotRegisteredForV1() {
    assertThat(create("v1", "Widget").status().message())
        .isEqualTo(
            "Widget in version \"v1\" cannot be handled as a ConfigMap: no kind \"Widget\" is"
                + " registered for version \"v1\" in scheme"
                + " \"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30\"");
  }

  @Test
  void otherVersionIsNotRegisteredAndNamesOnlyTheVersionFirst() {
    assertThat(create("apps/v2", "ConfigMap").status().message())
        .isEqualTo(
            "ConfigMap in version \"v2\" cannot be handled as a ConfigMap: no kind \"ConfigMap\" is"
                + " registered for version \"apps/v2\" in scheme"
                + " \"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30\"");
  }

  @Test
  void missingKindAndApiVersionAreFilledIn() {
    Unstructured body =
        new Unstructured(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    body.setName("a");
    Unstructured created = configMaps.create("", body, WriteOptions.DEFAULT).object();
    assertThat(created.getApiVersion()).isEqualTo("v1");
    assertThat(created.getKind()).isEqualTo("ConfigMap");
  }
}
