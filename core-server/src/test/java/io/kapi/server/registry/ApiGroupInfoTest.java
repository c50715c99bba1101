package io.kapi.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiGroupInfoTest {
  private static final ResourceDefinition WIDGETS =
      ResourceDefinition.builder("widgets", "Widget").build();

  @Test
  void versionsKeepPriorityOrderAndFirstIsPreferred() {
    ApiGroupInfo group =
        ApiGroupInfo.builder("example.com")
            .version("v2", WIDGETS)
            .version("v1beta1", WIDGETS)
            .version("v1", WIDGETS)
            .build();

    assertThat(group.versions()).containsExactly("v2", "v1beta1", "v1");
    assertThat(group.preferredVersion()).isEqualTo("v2");
    assertThat(group.resources("v1")).containsExactly(WIDGETS);
    assertThat(group.isCore()).isFalse();
    assertThat(group.groupVersion("v1").toString()).isEqualTo("example.com/v1");
  }

  @Test
  void coreGroupOnlyHasV1() {
    assertThat(ApiGroupInfo.builder("").version("v1", WIDGETS).build().isCore()).isTrue();
    assertThatThrownBy(() -> ApiGroupInfo.builder("").version("v2", WIDGETS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v2");
  }

  @Test
  void badConfigurationFailsNamingTheCulprit() {
    assertThatThrownBy(() -> ApiGroupInfo.builder("Example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Example.com");
    assertThatThrownBy(() -> ApiGroupInfo.builder("example.com").version("V1", WIDGETS))
        .hasMessageContaining("V1");
    assertThatThrownBy(
            () -> ApiGroupInfo.builder("example.com").version("v1", WIDGETS).version("v1", WIDGETS))
        .hasMessageContaining("v1 added twice");
    assertThatThrownBy(() -> ApiGroupInfo.builder("example.com").version("v1", WIDGETS, WIDGETS))
        .hasMessageContaining("widgets defined twice");
    assertThatThrownBy(() -> ApiGroupInfo.builder("example.com").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("example.com has no versions");
    assertThatThrownBy(() -> ApiGroupInfo.builder("example.com").version("v1").build().resources("v2"))
        .hasMessageContaining("no version v2");
  }
}
