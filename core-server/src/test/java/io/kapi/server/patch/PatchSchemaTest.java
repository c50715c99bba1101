package io.kapi.server.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatchSchemaTest {

  @Test
  void unknownSchemaIsUnknownAllTheWayDown() {
    PatchSchema unknown = PatchSchema.unknown();
    assertThat(unknown.isKnown()).isFalse();
    assertThat(unknown.field("spec").field("containers").items().isKnown()).isFalse();
    assertThat(unknown.patchMergeKey()).isEmpty();
    assertThat(unknown.patchStrategies()).isEmpty();
    assertThat(unknown.listType()).isEmpty();
    assertThat(unknown.listMapKeys()).isEmpty();
  }

  @Test
  void builtSchemaDescribesFieldsItemsAndListMetadata() {
    PatchSchema container =
        PatchSchema.builder().field("image", PatchSchema.builder().build()).build();
    PatchSchema containers =
        PatchSchema.builder()
            .patchMergeKey("name")
            .patchStrategies("merge")
            .listType("map")
            .listMapKeys("name")
            .items(container)
            .build();
    PatchSchema pod =
        PatchSchema.builder()
            .field("spec", PatchSchema.builder().field("containers", containers).build())
            .build();

    PatchSchema found = pod.field("spec").field("containers");
    assertThat(found.isKnown()).isTrue();
    assertThat(found.patchMergeKey()).contains("name");
    assertThat(found.patchStrategies()).containsExactly("merge");
    assertThat(found.listType()).contains("map");
    assertThat(found.listMapKeys()).containsExactly("name");
    assertThat(found.items()).isSameAs(container);
    assertThat(pod.field("status").isKnown()).isFalse();
    assertThat(pod.items().isKnown()).isFalse();
  }

  @Test
  void retainKeysMayAccompanyOneOtherStrategy() {
    assertThat(
            PatchSchema.builder().patchStrategies("merge", "retainKeys").build().patchStrategies())
        .containsExactly("merge", "retainKeys");
    assertThat(PatchSchema.builder().patchStrategies("retainKeys").build().patchStrategies())
        .containsExactly("retainKeys");
    assertThatThrownBy(() -> PatchSchema.builder().patchStrategies("merge", "replace"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unexpected patch strategy: merge,replace");
  }

  @Test
  void builderRejectsWhatUpstreamCannotMean() {
    assertThatThrownBy(() -> PatchSchema.builder().listType("list"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchSchema.builder().patchMergeKey(""))
        .isInstanceOf(IllegalArgumentException.class);
    PatchSchema.Builder builder = PatchSchema.builder().field("a", PatchSchema.unknown());
    assertThatThrownBy(() -> builder.field("a", PatchSchema.unknown()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field a described twice");
  }
}
