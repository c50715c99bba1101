package io.kapi.server.patch;

import static io.kapi.server.patch.Trees.apiError;
import static io.kapi.server.patch.Trees.body;
import static io.kapi.server.patch.Trees.genericInvalidReason;
import static io.kapi.server.patch.Trees.json;
import static io.kapi.server.patch.Trees.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.errors.ApiException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** RFC 6902 as kube-apiserver applies it (evanphx/json-patch v4). */
class JsonPatchTest {

  private static ObjectNode patch(String original, String patch) {
    return Trees.apply(PatchType.JSON_PATCH, original, patch, PatchSchema.unknown());
  }

  private static ApiException failure(String original, String patch) {
    return apiError(() -> patch(original, patch));
  }

  // The examples of RFC 6902 appendix A.
  @Test
  void addsAnObjectMember() {
    assertThat(patch("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]"))
        .isEqualTo(json("{'baz':'qux','foo':'bar'}"));
  }

  @Test
  void addsAnArrayElement() {
    assertThat(patch("{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]"))
        .isEqualTo(json("{'foo':['bar','qux','baz']}"));
  }

  @Test
  void removesAnObjectMember() {
    assertThat(patch("{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]"))
        .isEqualTo(json("{'foo':'bar'}"));
  }

  @Test
  void removesAnArrayElement() {
    assertThat(patch("{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]"))
        .isEqualTo(json("{'foo':['bar','baz']}"));
  }

  @Test
  void replacesAValue() {
    assertThat(patch("{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]"))
        .isEqualTo(json("{'baz':'boo','foo':'bar'}"));
  }

  @Test
  void movesAValue() {
    assertThat(
            patch(
                "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
                "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]"))
        .isEqualTo(json("{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"));
  }

  @Test
  void movesAnArrayElement() {
    assertThat(
            patch(
                "{'foo':['all','grass','cows','eat']}",
                "[{'op':'move','from':'/foo/1','path':'/foo/3'}]"))
        .isEqualTo(json("{'foo':['all','cows','eat','grass']}"));
  }

  @Test
  void testsValuesSuccessfully() {
    assertThat(
            patch(
                "{'baz':'qux','foo':['a',2,'c']}",
                "[{'op':'test','path':'/baz','value':'qux'},"
                    + "{'op':'test','path':'/foo/1','value':2}]"))
        .isEqualTo(json("{'baz':'qux','foo':['a',2,'c']}"));
  }

  @Test
  void failsATestOfAnotherValue() {
    ApiException e = failure("{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]");
    assertThat(genericInvalidReason(e)).isEqualTo("testing value /baz failed: test failed");
  }

  @Test
  void addsANestedMemberObject() {
    assertThat(patch("{'foo':'bar'}", "[{'op':'add','path':'/child','value':{'grandchild':{}}}]"))
        .isEqualTo(json("{'foo':'bar','child':{'grandchild':{}}}"));
  }

  @Test
  void ignoresUnrecognizedMembers() {
    assertThat(patch("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux','xyz':123}]"))
        .isEqualTo(json("{'foo':'bar','baz':'qux'}"));
  }

  @Test
  void failsToAddToANonexistentTarget() {
    ApiException e = failure("{'foo':'bar'}", "[{'op':'add','path':'/baz/bat','value':'qux'}]");
    assertThat(genericInvalidReason(e))
        .isEqualTo(
            "add operation does not apply: doc is missing path: \"/baz/bat\": missing value");
  }

  @Test
  void takesTheLastOfDuplicateMembersAsGoDoes() {
    ApiException e =
        failure("{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux','op':'remove'}]");
    assertThat(genericInvalidReason(e))
        .isEqualTo(
            "error in remove for path: '/baz': Unable to remove nonexistent key: baz: missing"
                + " value");
  }

  @Test
  void unescapesTildeOneBeforeTildeZero() {
    assertThat(patch("{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':10}]"))
        .isEqualTo(json("{'/':9,'~1':10}"));
  }

  @Test
  void doesNotEquateStringsAndNumbers() {
    ApiException e = failure("{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':'10'}]");
    assertThat(genericInvalidReason(e)).isEqualTo("testing value /~01 failed: test failed");
  }

  @Test
  void addsAnArrayValue() {
    assertThat(patch("{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':['abc','def']}]"))
        .isEqualTo(json("{'foo':['bar',['abc','def']]}"));
  }

  // Where upstream's library departs from the RFC, Kapi does too.
  @Test
  void negativeIndexesCountFromTheEnd() {
    assertThat(patch("{'a':[1,2,3]}", "[{'op':'remove','path':'/a/-1'}]"))
        .isEqualTo(json("{'a':[1,2]}"));
    assertThat(patch("{'a':[1,2,3]}", "[{'op':'replace','path':'/a/-3','value':0}]"))
        .isEqualTo(json("{'a':[0,2,3]}"));
    // for add, -1 is the slot after the last element
    assertThat(patch("{'a':[1,2]}", "[{'op':'add','path':'/a/-1','value':3}]"))
        .isEqualTo(json("{'a':[1,2,3]}"));
  }

  @Test
  void replacingAMissingMemberAddsIt() {
    assertThat(patch("{'a':1}", "[{'op':'replace','path':'/b','value':2}]"))
        .isEqualTo(json("{'a':1,'b':2}"));
  }

  @Test
  void aMissingValueIsNull() {
    assertThat(patch("{'a':1}", "[{'op':'add','path':'/b'}]")).isEqualTo(json("{'a':1,'b':null}"));
  }

  @Test
  void copyingAMissingMemberWritesNull() {
    assertThat(patch("{'a':1}", "[{'op':'copy','from':'/x','path':'/b'}]"))
        .isEqualTo(json("{'a':1,'b':null}"));
  }

  @Test
  void copiesAValue() {
    assertThat(patch("{'a':{'b':[1]}}", "[{'op':'copy','from':'/a/b','path':'/c'}]"))
        .isEqualTo(json("{'a':{'b':[1]},'c':[1]}"));
  }

  @Test
  void aTestForNullMatchesAMissingMember() {
    assertThat(patch("{'a':1}", "[{'op':'test','path':'/b','value':null}]"))
        .isEqualTo(json("{'a':1}"));
    ApiException e = failure("{'a':1}", "[{'op':'test','path':'/b','value':1}]");
    assertThat(genericInvalidReason(e)).isEqualTo("testing value /b failed: test failed");
  }

  @Test
  void aTestTellsIntegersFromFloats() {
    ApiException e = failure("{'a':1}", "[{'op':'test','path':'/a','value':1.0}]");
    assertThat(genericInvalidReason(e)).isEqualTo("testing value /a failed: test failed");
  }

  @Test
  void theWholeDocumentCanBeTestedAndReplaced() {
    assertThat(
            patch(
                "{'a':1}",
                "[{'op':'test','path':'','value':{'a':1}},"
                    + "{'op':'replace','path':'','value':{'b':2}}]"))
        .isEqualTo(json("{'b':2}"));
  }

  @Test
  void addingAtTheRootIsNotAllowed() {
    ApiException e = failure("{'a':1}", "[{'op':'add','path':'','value':{}}]");
    assertThat(genericInvalidReason(e))
        .isEqualTo("add operation does not apply: doc is missing path: \"\": missing value");
  }

  @Test
  void aNullPatchChangesNothing() {
    assertThat(patch("{'a':1}", "null")).isEqualTo(json("{'a':1}"));
    assertThat(patch("{'a':1}", "[]")).isEqualTo(json("{'a':1}"));
  }

  @Test
  void kubectlPatchTypeJsonReplacesReplicas() {
    assertThat(
            patch(
                "{'kind':'Deployment','spec':{'replicas':1,'paused':false}}",
                "[{'op':'replace','path':'/spec/replicas','value':3}]"))
        .isEqualTo(json("{'kind':'Deployment','spec':{'replicas':3,'paused':false}}"));
  }

  // Operations that do not apply: 422 with upstream's fixed message, the reason in the cause.
  @Test
  void arrayIndexOutOfRange() {
    assertThat(
            genericInvalidReason(failure("{'a':[1,2]}", "[{'op':'add','path':'/a/5','value':0}]")))
        .isEqualTo(
            "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index"
                + " referenced");
    assertThat(genericInvalidReason(failure("{'a':[1,2]}", "[{'op':'remove','path':'/a/-3'}]")))
        .isEqualTo(
            "error in remove for path: '/a/-3': Unable to access invalid index: -3: invalid"
                + " index referenced");
    assertThat(
            genericInvalidReason(
                failure("{'a':[1,2]}", "[{'op':'replace','path':'/a/2','value':0}]")))
        .isEqualTo("replace operation does not apply: doc is missing key: /a/2: missing value");
  }

  @Test
  void arrayIndexThatIsNotANumber() {
    assertThat(genericInvalidReason(failure("{'a':[1]}", "[{'op':'add','path':'/a/x','value':0}]")))
        .isEqualTo(
            "error in add for path: '/a/x': value was not a proper array index: 'x':"
                + " strconv.Atoi: parsing \"x\": invalid syntax");
  }

  @Test
  void pathThroughAScalarOrMissingMember() {
    assertThat(
            genericInvalidReason(
                failure("{'a':'s'}", "[{'op':'replace','path':'/a/b','value':0}]")))
        .isEqualTo("replace operation does not apply: doc is missing path: /a/b: missing value");
    assertThat(genericInvalidReason(failure("{'a':1}", "[{'op':'test','path':'/x/y','value':0}]")))
        .isEqualTo("test operation does not apply: is missing path: /x/y: missing value");
  }

  @Test
  void movingIntoItselfLosesTheDestination() {
    assertThat(
            genericInvalidReason(
                failure("{'a':{'b':1}}", "[{'op':'move','from':'/a','path':'/a/c'}]")))
        .isEqualTo(
            "move operation does not apply: doc is missing destination path: /a/c: missing"
                + " value");
  }

  @Test
  void movingAMissingMember() {
    assertThat(genericInvalidReason(failure("{'a':1}", "[{'op':'move','from':'/x','path':'/y'}]")))
        .isEqualTo(
            "error in move for path: 'x': Unable to remove nonexistent key: x: missing value");
  }

  @Test
  void unknownOrMissingOperationKinds() {
    assertThat(genericInvalidReason(failure("{}", "[{'op':'frobnicate','path':'/a'}]")))
        .isEqualTo("Unexpected kind: frobnicate");
    assertThat(genericInvalidReason(failure("{}", "[{'path':'/a'}]")))
        .isEqualTo("Unexpected kind: unknown");
    assertThat(genericInvalidReason(failure("{}", "[null]"))).isEqualTo("Unexpected kind: unknown");
  }

  @Test
  void missingPathsAndFroms() {
    assertThat(genericInvalidReason(failure("{}", "[{'op':'add','value':1}]")))
        .isEqualTo("add operation failed to decode path: missing value");
    assertThat(genericInvalidReason(failure("{}", "[{'op':'replace','value':1}]")))
        .isEqualTo(
            "replace operation failed to decode path: operation missing path field: missing"
                + " value");
    assertThat(genericInvalidReason(failure("{'a':1}", "[{'op':'copy','path':'/b'}]")))
        .isEqualTo(
            "copy operation failed to decode from: operation, missing from field: missing value");
  }

  @Test
  void aFailingOperationDiscardsTheEarlierOnes() {
    ObjectNode original = object("{'a':1}");
    ApiException e =
        apiError(
            () ->
                Trees.PATCHER.apply(
                    PatchType.JSON_PATCH,
                    original,
                    body("[{'op':'add','path':'/b','value':2},{'op':'remove','path':'/c'}]"),
                    PatchSchema.unknown()));
    assertThat(e.code()).isEqualTo(422);
    assertThat(original).isEqualTo(json("{'a':1}"));
  }

  @Test
  void replacingTheDocumentWithAnArrayLeavesNoObject() {
    ApiException e = failure("{'a':1}", "[{'op':'replace','path':'','value':[1,2]}]");
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage())
        .isEqualTo(
            " \"\" is invalid: patch: Invalid value: \"[1,2]\": couldn't get version/kind; json"
                + " parse error: json: cannot unmarshal array into Go value of type struct {"
                + " APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string"
                + " \"json:\\\"kind,omitempty\\\"\" }");
    assertThat(e.status().details().causes()).hasSize(1);
    assertThat(e.status().details().causes().get(0).field()).isEqualTo("patch");
  }

  // Bodies that are not a list of operations: 400 as upstream's strict decoding reports them.
  @Test
  void aPatchMustBeAList() {
    ApiException e = failure("{}", "{'op':'add','path':'/a','value':1}");
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.status().reason()).isEqualTo("BadRequest");
    assertThat(e.getMessage())
        .isEqualTo(
            "error decoding patch: json: cannot unmarshal object into Go value of type"
                + " []handlers.jsonPatchOp");
  }

  @Test
  void operationsMustBeObjects() {
    assertThat(failure("{}", "[1]").getMessage())
        .isEqualTo(
            "error decoding patch: json: cannot unmarshal number into Go value of type"
                + " handlers.jsonPatchOp");
  }

  @Test
  void opPathAndFromMustBeStrings() {
    assertThat(failure("{}", "[{'op':'add','path':7,'value':1}]").getMessage())
        .isEqualTo(
            "error decoding patch: json: cannot unmarshal number into Go struct field"
                + " jsonPatchOp.path of type string");
    assertThat(failure("{}", "[{'op':true}]").getMessage())
        .isEqualTo(
            "error decoding patch: json: cannot unmarshal bool into Go struct field"
                + " jsonPatchOp.op of type string");
  }

  @Test
  void atMostTenThousandOperations() {
    String test = "{'op':'test','path':'/a','value':1},";
    String allowed = "[" + test.repeat(10_000);
    assertThat(patch("{'a':1}", allowed.substring(0, allowed.length() - 1) + "]"))
        .isEqualTo(json("{'a':1}"));

    String tooMany = "[" + test.repeat(10_001);
    ApiException e = failure("{'a':1}", tooMany.substring(0, tooMany.length() - 1) + "]");
    assertThat(e.code()).isEqualTo(413);
    assertThat(e.status().reason()).isEqualTo("RequestEntityTooLarge");
    assertThat(e.getMessage())
        .isEqualTo(
            "Request entity too large: The allowed maximum operations in a JSON patch is 10000,"
                + " got 10001");
  }

  @Test
  void copiesMayNotAddMoreThanTheLimit() {
    Patcher small = Patcher.create(120);
    String fifty = "x".repeat(50);
    ApiException e =
        apiError(
            () ->
                small.apply(
                    PatchType.JSON_PATCH,
                    object("{'a':'" + fifty + "'}"),
                    body(
                        "[{'op':'copy','from':'/a','path':'/b'},"
                            + "{'op':'copy','from':'/a','path':'/c'},"
                            + "{'op':'copy','from':'/a','path':'/d'}]"),
                    PatchSchema.unknown()));
    // each copy adds the 52 bytes of the quoted string
    assertThat(genericInvalidReason(e))
        .isEqualTo(
            "Unable to complete the copy, the accumulated size increase of copy is 156,"
                + " exceeding the limit 120");
  }
}
