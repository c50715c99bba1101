package io.kapi.server.patch;

import static io.kapi.server.patch.Trees.apiError;
import static io.kapi.server.patch.Trees.body;
import static io.kapi.server.patch.Trees.genericInvalidReason;
import static io.kapi.server.patch.Trees.json;
import static io.kapi.server.patch.Trees.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The public entry point: body parsing, limits, and what every patch type shares. */
class PatcherTest {
  private static final PatchSchema FINALIZERS =
      PatchSchema.builder()
          .field(
              "metadata",
              PatchSchema.builder()
                  .field("finalizers", PatchSchema.builder().patchStrategies("merge").build())
                  .build())
          .field(
              "spec",
              PatchSchema.builder()
                  .field(
                      "containers",
                      PatchSchema.builder().patchMergeKey("name").patchStrategies("merge").build())
                  .build())
          .build();

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "{", "{} {}", "<THIS IS NOT JSON>", "{'a':}"})
  void aBodyThatIsNotJsonIsABadRequest(String patch) {
    for (PatchType type :
        new PatchType[] {
          PatchType.JSON_PATCH, PatchType.MERGE_PATCH, PatchType.STRATEGIC_MERGE_PATCH
        }) {
      ApiException e = apiError(() -> Trees.apply(type, "{}", patch, PatchSchema.unknown()));
      assertThat(e.code()).isEqualTo(400);
      assertThat(e.status().reason()).isEqualTo("BadRequest");
      assertThat(e.getMessage()).isEqualTo("invalid JSON patch");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = PatchType.class,
      names = {"JSON_PATCH", "MERGE_PATCH", "STRATEGIC_MERGE_PATCH"})
  void aPatchNestedDeeperThanTheParserAllowsIsNotJson(PatchType type) {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    ApiException e =
        apiError(() -> Trees.apply(type, "{}", "{'a':" + deep + "}", PatchSchema.unknown()));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("invalid JSON patch");
  }

  @ParameterizedTest
  @EnumSource(
      value = PatchType.class,
      names = {"JSON_PATCH", "MERGE_PATCH", "STRATEGIC_MERGE_PATCH"})
  void theOriginalIsLeftAlone(PatchType type) {
    ObjectNode original =
        object("{'metadata':{'labels':{'a':'1'}},'spec':{'containers':[{'name':'c'}]}}");
    ObjectNode copy = original.deepCopy();
    String patch =
        type == PatchType.JSON_PATCH
            ? "[{'op':'replace','path':'/metadata/labels/a','value':'2'},"
                + "{'op':'add','path':'/spec/containers/0/image','value':'x'}]"
            : "{'metadata':{'labels':{'a':'2'}},'spec':{'containers':[{'name':'c','image':'x'}]}}";
    ObjectNode patched = Trees.PATCHER.apply(type, original, body(patch), FINALIZERS);
    assertThat(original).isEqualTo(copy);
    assertThat(patched.at("/metadata/labels/a").asString()).isEqualTo("2");
    assertThat(patched.at("/spec/containers/0/image").asString()).isEqualTo("x");
  }

  @Test
  void aResultLargerThanTheLimitIsTooLarge() {
    String value = "x".repeat(100);
    // {"a":"xxx..."} is 8 bytes plus the value
    Patcher exact = Patcher.create(108);
    assertThat(
            exact.apply(
                PatchType.MERGE_PATCH,
                object("{}"),
                body("{'a':'" + value + "'}"),
                PatchSchema.unknown()))
        .isEqualTo(json("{'a':'" + value + "'}"));

    Patcher smaller = Patcher.create(107);
    ApiException e =
        apiError(
            () ->
                smaller.apply(
                    PatchType.STRATEGIC_MERGE_PATCH,
                    object("{}"),
                    body("{'a':'" + value + "'}"),
                    PatchSchema.unknown()));
    assertThat(e.code()).isEqualTo(413);
    assertThat(e.status().reason()).isEqualTo("RequestEntityTooLarge");
    assertThat(e.getMessage()).isEqualTo("Request entity too large: limit is 107");
  }

  @Test
  void aJsonPatchCannotNestTheObjectDeeperThanAParserReadsBack() {
    ObjectNode original = JsonNodeFactory.instance.objectNode();
    ObjectNode chain = original.putObject("a");
    StringBuilder deepest = new StringBuilder("/a");
    for (int i = 0; i < 300; i++) {
      chain = chain.putObject("k");
      deepest.append("/k");
    }
    String copy = "[{'op':'copy','from':'/a','path':'" + deepest + "/x'}]";
    ApiException e =
        apiError(
            () ->
                Trees.PATCHER.apply(
                    PatchType.JSON_PATCH, original, body(copy), PatchSchema.unknown()));
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.status().reason()).isEqualTo("Invalid");
    assertThat(e.getMessage())
        .isEqualTo(
            " \"\" is invalid: patch: Forbidden: the patched object is nested deeper than 500"
                + " levels");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void movesThatNestTheObjectThousandsOfLevelsDeepAreRefusedWithoutRecursing() {
    // each round wraps /a in one more object: {"a":X} becomes {"a":{"a":X}}
    String round =
        "{'op':'add','path':'/t','value':{}},"
            + "{'op':'move','from':'/a','path':'/t/a'},"
            + "{'op':'move','from':'/t','path':'/a'},";
    String ops = "[" + round.repeat(3_333);
    ApiException e =
        apiError(
            () ->
                Trees.apply(
                    PatchType.JSON_PATCH,
                    "{'a':{}}",
                    ops.substring(0, ops.length() - 1) + "]",
                    PatchSchema.unknown()));
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage()).endsWith("nested deeper than 500 levels");
  }

  @Test
  void serverSideApplyIsNotAPatchThePatcherApplies() {
    assertThatThrownBy(
            () ->
                Trees.PATCHER.apply(
                    PatchType.APPLY_PATCH_YAML, object("{}"), body("{}"), PatchSchema.unknown()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server-side apply");
    assertThatThrownBy(() -> Patcher.create(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aHundredThousandOperationsAreRefusedBeforeAnyRuns() {
    String remove = "{\"op\":\"remove\",\"path\":\"/nope\"},";
    String ops = "[" + remove.repeat(100_000);
    byte[] patch = (ops.substring(0, ops.length() - 1) + "]").getBytes(StandardCharsets.UTF_8);
    ApiException e =
        apiError(
            () ->
                Trees.PATCHER.apply(
                    PatchType.JSON_PATCH, object("{}"), patch, PatchSchema.unknown()));
    assertThat(e.code()).isEqualTo(413);
    assertThat(e.getMessage()).endsWith("got 100000");
  }

  @Test
  void aJsonPatchThatDoublesTheObjectRunsIntoTheCopyLimit() {
    // each copy doubles /a: the accumulated copies pass 3 MiB long before the 10000th operation
    StringBuilder ops = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      ops.append("{'op':'copy','from':'/a','path':'/a/").append(i).append("'},");
    }
    ops.setLength(ops.length() - 1);
    ops.append(']');
    ApiException e =
        apiError(
            () ->
                Trees.apply(
                    PatchType.JSON_PATCH,
                    "{'a':['" + "x".repeat(100) + "']}",
                    ops.toString(),
                    PatchSchema.unknown()));
    assertThat(genericInvalidReason(e))
        .startsWith("Unable to complete the copy, the accumulated size increase of copy is ")
        .endsWith(", exceeding the limit 3145728");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void largeStrategicDeletionsDoNotTakeQuadraticTime() {
    int n = 60_000;
    StringBuilder finalizers = new StringBuilder();
    StringBuilder containers = new StringBuilder();
    StringBuilder deletions = new StringBuilder();
    for (int i = 0; i < n; i++) {
      finalizers.append("\"f").append(i).append("\",");
      containers.append("{\"name\":\"c").append(i).append("\"},");
      deletions.append("{\"name\":\"c").append(i).append("\",\"$patch\":\"delete\"},");
    }
    finalizers.setLength(finalizers.length() - 1);
    containers.setLength(containers.length() - 1);
    deletions.setLength(deletions.length() - 1);
    ObjectNode original =
        object(
            "{\"metadata\":{\"finalizers\":["
                + finalizers
                + "]},\"spec\":{\"containers\":["
                + containers
                + "]}}");
    String patch =
        "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":["
            + finalizers
            + "]},"
            + "\"spec\":{\"containers\":["
            + deletions
            + "]}}";
    ObjectNode patched =
        Patcher.create(64L * 1024 * 1024)
            .apply(
                PatchType.STRATEGIC_MERGE_PATCH,
                original,
                patch.getBytes(StandardCharsets.UTF_8),
                FINALIZERS);
    assertThat(patched).isEqualTo(json("{'metadata':{'finalizers':[]},'spec':{'containers':[]}}"));
  }
}
