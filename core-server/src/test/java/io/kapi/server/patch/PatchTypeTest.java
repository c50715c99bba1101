package io.kapi.server.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchTypeTest {

  @Test
  void eachContentTypeMapsToItsPatchType() {
    assertThat(PatchType.fromContentType("application/json-patch+json"))
        .contains(PatchType.JSON_PATCH);
    assertThat(PatchType.fromContentType("application/merge-patch+json"))
        .contains(PatchType.MERGE_PATCH);
    assertThat(PatchType.fromContentType("application/strategic-merge-patch+json"))
        .contains(PatchType.STRATEGIC_MERGE_PATCH);
    assertThat(PatchType.fromContentType("application/apply-patch+yaml"))
        .contains(PatchType.APPLY_PATCH_YAML);
  }

  @Test
  void parametersAfterTheFirstSemicolonAreIgnored() {
    assertThat(PatchType.fromContentType("application/merge-patch+json; charset=utf-8"))
        .contains(PatchType.MERGE_PATCH);
    assertThat(PatchType.fromContentType("application/json-patch+json;a=b;c=d"))
        .contains(PatchType.JSON_PATCH);
  }

  @Test
  void otherMediaTypesAreUnknownSoTheCallerAnswers415() {
    assertThat(PatchType.fromContentType("application/json")).isEmpty();
    assertThat(PatchType.fromContentType("")).isEmpty();
    assertThat(PatchType.fromContentType(";application/merge-patch+json")).isEmpty();
  }

  @Test
  void matchingIsExactLikeUpstreamsStringSet() {
    assertThat(PatchType.fromContentType("Application/Merge-Patch+JSON")).isEmpty();
    assertThat(PatchType.fromContentType("application/merge-patch+json ; charset=utf-8")).isEmpty();
  }

  @Test
  void acceptedTypesFollowUpstreamsOrderAndLeaveOutStrategicForCustomResources() {
    assertThat(PatchType.contentTypes(true))
        .containsExactly(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/apply-patch+yaml");
    assertThat(PatchType.contentTypes(false))
        .containsExactly(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/apply-patch+yaml");
  }
}
