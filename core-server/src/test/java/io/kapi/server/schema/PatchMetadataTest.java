package io.kapi.server.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.schema.GroupVersionKind;
import org.junit.jupiter.api.Test;

class PatchMetadataTest {
  private static final PatchMetadata POD =
      ResourceSchema.forKind(OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "Pod"))
          .patchMetadata();

  private static PatchMetadata at(PatchMetadata root, String... fields) {
    PatchMetadata m = root;
    for (String f : fields) {
      m = f.equals("[]") ? m.items().orElseThrow() : m.field(f).orElseThrow();
    }
    return m;
  }

  @Test
  void containersMergeByName() {
    PatchMetadata containers = at(POD, "spec", "containers");

    assertThat(containers.patchMergeKey()).contains("name");
    assertThat(containers.patchStrategy()).contains("merge");
    assertThat(containers.listType()).contains("map");
    assertThat(containers.listMapKeys()).containsExactly("name");
    assertThat(containers.type()).contains("array");
  }

  @Test
  void containerEnvAndMountsMergeByTheirKeys() {
    PatchMetadata env = at(POD, "spec", "containers", "[]", "env");
    PatchMetadata mounts = at(POD, "spec", "containers", "[]", "volumeMounts");

    assertThat(env.patchMergeKey()).contains("name");
    assertThat(env.patchStrategies()).containsExactly("merge");
    assertThat(mounts.patchMergeKey()).contains("mountPath");
  }

  @Test
  void volumesCombineMergeAndRetainKeys() {
    PatchMetadata volumes = at(POD, "spec", "volumes");

    assertThat(volumes.patchStrategy()).contains("merge,retainKeys");
    assertThat(volumes.patchStrategies()).containsExactly("merge", "retainKeys");
    assertThat(volumes.hasPatchStrategy("retainKeys")).isTrue();
    assertThat(volumes.hasPatchStrategy("replace")).isFalse();
  }

  @Test
  void atomicListsHaveNoMergeKey() {
    PatchMetadata tolerations = at(POD, "spec", "tolerations");

    assertThat(tolerations.listType()).contains("atomic");
    assertThat(tolerations.patchMergeKey()).isEmpty();
    assertThat(tolerations.patchStrategies()).isEmpty();
  }

  @Test
  void metadataIsObjectMeta() {
    PatchMetadata ownerReferences = at(POD, "metadata", "ownerReferences");
    PatchMetadata finalizers = at(POD, "metadata", "finalizers");

    assertThat(ownerReferences.patchMergeKey()).contains("uid");
    assertThat(finalizers.listType()).contains("set");
    assertThat(finalizers.patchStrategy()).contains("merge");
  }

  @Test
  void mapValuesAreReachedThroughField() {
    PatchMetadata label = at(POD, "metadata", "labels", "app");

    assertThat(label.type()).contains("string");
    assertThat(POD.field("noSuchField")).isEmpty();
    assertThat(at(POD, "spec").items()).isEmpty();
  }

  @Test
  void crdListsExposeListTypes() {
    PatchMetadata serviceMonitor =
        ResourceSchema.fromCrdSchema(Json.crdSchema("monitoring.coreos.com_servicemonitors.yaml"))
            .patchMetadata();

    assertThat(at(serviceMonitor, "spec", "scrapeProtocols").listType()).contains("set");
    assertThat(at(serviceMonitor, "spec", "endpoints").patchMergeKey()).isEmpty();
  }
}
