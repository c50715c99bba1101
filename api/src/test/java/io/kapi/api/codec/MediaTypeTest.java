package io.kapi.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTypeTest {

  @Test
  void parsesTheKubectlGetAcceptHeaderInOrder() {
    List<MediaType> accepted =
        MediaType.parseList(
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
    assertThat(accepted).hasSize(3);
    assertThat(accepted.get(0).as()).isEqualTo("Table");
    assertThat(accepted.get(0).version()).isEqualTo("v1");
    assertThat(accepted.get(0).group()).isEqualTo(MediaTypes.META_GROUP);
    assertThat(accepted.get(1).version()).isEqualTo("v1beta1");
    assertThat(accepted.get(2).parameters()).isEmpty();
    assertThat(accepted.get(2).essence()).isEqualTo(MediaTypes.APPLICATION_JSON);
  }

  @Test
  void aggregatedDiscoveryMediaTypeRoundTripsThroughToString() {
    MediaType type = MediaType.parse(MediaTypes.AGGREGATED_DISCOVERY_V2);
    assertThat(type.group()).isEqualTo("apidiscovery.k8s.io");
    assertThat(type.as()).isEqualTo("APIGroupDiscoveryList");
    assertThat(type.toString()).isEqualTo(MediaTypes.AGGREGATED_DISCOVERY_V2);
  }

  @Test
  void namesAreCaseInsensitiveValuesKeepCaseAndLoseQuotes() {
    MediaType type = MediaType.parse(" Application/JSON ; AS=\"Table\" ; q=0.5");
    assertThat(type.essence()).isEqualTo("application/json");
    assertThat(type.parameter("As")).isEqualTo("Table");
    assertThat(type.quality()).isEqualTo(0.5);
  }

  @Test
  void wildcardsAccept() {
    assertThat(MediaType.parse("*/*").accepts("application/json")).isTrue();
    assertThat(MediaType.parse("application/*").accepts("application/yaml")).isTrue();
    assertThat(MediaType.parse("text/*").accepts("application/yaml")).isFalse();
    assertThat(MediaType.parse("application/json").accepts("application/yaml")).isFalse();
  }

  @Test
  void malformedEntriesAreSkippedInLists() {
    assertThat(MediaType.parseList("garbage, application/yaml,,")).extracting(MediaType::essence)
        .containsExactly("application/yaml");
    assertThat(MediaType.parseList(null)).isEmpty();
    assertThatThrownBy(() -> MediaType.parse("json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid media type json: expected type/subtype");
  }
}
