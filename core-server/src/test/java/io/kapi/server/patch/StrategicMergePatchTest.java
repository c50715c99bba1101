package io.kapi.server.patch;

import static io.kapi.server.patch.Trees.apiError;
import static io.kapi.server.patch.Trees.genericInvalidReason;
import static io.kapi.server.patch.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.errors.ApiException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strategic merge patch over Pod- and Deployment-like schemas with upstream's merge keys and
 * strategies, including the patches kubectl sends.
 */
class StrategicMergePatchTest {
  private static final PatchSchema CONTAINER =
      PatchSchema.builder()
          .field("env", mergeList("name", PatchSchema.unknown()))
          .field("ports", mergeList("containerPort", PatchSchema.unknown()))
          .field("volumeMounts", mergeList("mountPath", PatchSchema.unknown()))
          .field("args", PatchSchema.builder().listType("atomic").build())
          .build();
  private static final PatchSchema OBJECT_META =
      PatchSchema.builder()
          .field(
              "finalizers", PatchSchema.builder().patchStrategies("merge").listType("set").build())
          .field("ownerReferences", mergeList("uid", PatchSchema.unknown()))
          .build();
  private static final PatchSchema POD_SPEC =
      PatchSchema.builder()
          .field("containers", mergeList("name", CONTAINER))
          .field(
              "volumes",
              PatchSchema.builder()
                  .patchMergeKey("name")
                  .patchStrategies("merge", "retainKeys")
                  .build())
          .field("tolerations", PatchSchema.builder().listType("atomic").build())
          .build();
  private static final PatchSchema POD =
      PatchSchema.builder().field("metadata", OBJECT_META).field("spec", POD_SPEC).build();
  private static final PatchSchema DEPLOYMENT =
      PatchSchema.builder()
          .field("metadata", OBJECT_META)
          .field(
              "spec",
              PatchSchema.builder()
                  .field("strategy", PatchSchema.builder().patchStrategies("retainKeys").build())
                  .field(
                      "template",
                      PatchSchema.builder()
                          .field("metadata", OBJECT_META)
                          .field("spec", POD_SPEC)
                          .build())
                  .build())
          .build();

  private static PatchSchema mergeList(String key, PatchSchema items) {
    return PatchSchema.builder()
        .patchMergeKey(key)
        .patchStrategies("merge")
        .listType("map")
        .listMapKeys(key)
        .items(items)
        .build();
  }

  private static ObjectNode patch(String original, String patch, PatchSchema schema) {
    return Trees.apply(PatchType.STRATEGIC_MERGE_PATCH, original, patch, schema);
  }

  private static ObjectNode patchPod(String original, String patch) {
    return patch(original, patch, POD);
  }

  private static ApiException failure(String original, String patch) {
    return apiError(() -> patchPod(original, patch));
  }

  private static String pod(String containers) {
    return "{'metadata':{'name':'p','labels':{'app':'web','env':'dev'}},"
        + "'spec':{'containers':"
        + containers
        + "}}";
  }

  // what kubectl sends

  @Test
  void kubectlLabelMergesLabelsAndNullRemovesOne() {
    String original = pod("[{'name':'app','image':'nginx'}]");
    assertThat(patchPod(original, "{'metadata':{'labels':{'env':'prod','tier':'front'}}}"))
        .isEqualTo(
            json(
                "{'metadata':{'name':'p','labels':{'app':'web','env':'prod','tier':'front'}},"
                    + "'spec':{'containers':[{'name':'app','image':'nginx'}]}}"));
    assertThat(patchPod(original, "{'metadata':{'labels':{'env':null}}}").at("/metadata/labels"))
        .isEqualTo(json("{'app':'web'}"));
  }

  @Test
  void kubectlAnnotateAddsTheAnnotationsMap() {
    assertThat(
            patchPod(
                    pod("[{'name':'app','image':'nginx'}]"),
                    "{'metadata':{'annotations':{'owner':'team-a'}}}")
                .at("/metadata"))
        .isEqualTo(
            json(
                "{'name':'p','labels':{'app':'web','env':'dev'},"
                    + "'annotations':{'owner':'team-a'}}"));
  }

  @Test
  void kubectlApplyOfAChangedConfigMap() {
    String lastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    String original =
        "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'demo','namespace':'default',"
            + "'resourceVersion':'7','annotations':{'"
            + lastApplied
            + "':'{\\'apiVersion\\':\\'v1\\',\\'data\\':{\\'a\\':\\'1\\',\\'b\\':\\'2\\'}}\\n'}},"
            + "'data':{'a':'1','b':'2'}}";
    // data.a changed, data.b removed from the applied file: kubectl's three-way patch
    String applyPatch =
        "{'data':{'a':'2','b':null},'metadata':{'annotations':{'"
            + lastApplied
            + "':'{\\'apiVersion\\':\\'v1\\',\\'data\\':{\\'a\\':\\'2\\'}}\\n'}}}";
    ObjectNode patched = patch(original, applyPatch, PatchSchema.unknown());
    assertThat(patched)
        .isEqualTo(
            json(
                "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'demo',"
                    + "'namespace':'default','resourceVersion':'7','annotations':{'"
                    + lastApplied
                    + "':'{\\'apiVersion\\':\\'v1\\',\\'data\\':{\\'a\\':\\'2\\'}}\\n'}},"
                    + "'data':{'a':'2'}}"));
  }

  @Test
  void kubectlApplyOfANewImageKeepsTheServersFieldsAndOrder() {
    String original =
        "{'spec':{'replicas':2,'template':{'spec':{'containers':["
            + "{'name':'app','image':'nginx:1.25','ports':[{'containerPort':80}],"
            + "'terminationMessagePath':'/dev/termination-log'},"
            + "{'name':'log','image':'fluentbit'}]}}}}";
    String applyPatch =
        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'log'}],"
            + "'containers':[{'image':'nginx:1.26','name':'app'}]}}}}";
    assertThat(patch(original, applyPatch, DEPLOYMENT))
        .isEqualTo(
            json(
                "{'spec':{'replicas':2,'template':{'spec':{'containers':["
                    + "{'name':'app','image':'nginx:1.26','ports':[{'containerPort':80}],"
                    + "'terminationMessagePath':'/dev/termination-log'},"
                    + "{'name':'log','image':'fluentbit'}]}}}}"));
  }

  @Test
  void kubectlApplyThatDeletesAndAddsContainersKeepsServerOnlyOnesBeforeTheNewOne() {
    // live: old (applied), web (applied), metrics (added by someone else); applied now: web, proxy
    String original =
        pod(
            "[{'name':'old','image':'o'},{'name':'web','image':'w'},{'name':'metrics','image':'m'}]");
    String applyPatch =
        "{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'proxy'}],"
            + "'containers':[{'name':'proxy','image':'envoy'},{'$patch':'delete','name':'old'}]}}";
    assertThat(patchPod(original, applyPatch).at("/spec/containers"))
        .isEqualTo(
            json(
                "[{'name':'web','image':'w'},{'name':'metrics','image':'m'},"
                    + "{'name':'proxy','image':'envoy'}]"));
  }

  // lists merged by key

  @Test
  void aNewContainerIsMergedInFrontOfTheExistingOnes() {
    assertThat(
            patchPod(
                    pod("[{'name':'app','image':'nginx'}]"),
                    "{'spec':{'containers':[{'name':'sidecar','image':'envoy'}]}}")
                .at("/spec/containers"))
        .isEqualTo(json("[{'name':'sidecar','image':'envoy'},{'name':'app','image':'nginx'}]"));
  }

  @Test
  void envVariablesMergeByNameInsideTheirContainer() {
    String original =
        pod(
            "[{'name':'app','image':'nginx','env':[{'name':'A','value':'1'},{'name':'B','value':'1'}]}]");
    assertThat(
            patchPod(
                    original,
                    "{'spec':{'containers':[{'name':'app',"
                        + "'env':[{'name':'B','value':'2'},{'name':'C','value':'3'}]}]}}")
                .at("/spec/containers/0/env"))
        .isEqualTo(
            json("[{'name':'A','value':'1'},{'name':'B','value':'2'},{'name':'C','value':'3'}]"));
  }

  @Test
  void ownerReferencesMergeByUid() {
    String original = "{'metadata':{'ownerReferences':[{'uid':'1','name':'a'}]}}";
    assertThat(
            patchPod(original, "{'metadata':{'ownerReferences':[{'uid':'1','controller':true}]}}"))
        .isEqualTo(
            json("{'metadata':{'ownerReferences':[{'uid':'1','name':'a','controller':true}]}}"));
  }

  // directives

  @Test
  void deleteDirectiveRemovesAListElement() {
    assertThat(
            patchPod(
                    pod("[{'name':'app','image':'nginx'},{'name':'log','image':'fluentbit'}]"),
                    "{'spec':{'containers':[{'name':'log','$patch':'delete'}]}}")
                .at("/spec/containers"))
        .isEqualTo(json("[{'name':'app','image':'nginx'}]"));
  }

  @Test
  void replaceDirectiveReplacesAMap() {
    assertThat(
            patchPod(pod("[]"), "{'metadata':{'labels':{'$patch':'replace','only':'this'}}}")
                .at("/metadata/labels"))
        .isEqualTo(json("{'only':'this'}"));
  }

  @Test
  void replaceDirectiveReplacesAList() {
    assertThat(
            patchPod(
                    pod("[{'name':'app','image':'nginx'},{'name':'log','image':'fluentbit'}]"),
                    "{'spec':{'containers':[{'name':'solo','image':'busybox'},{'$patch':'replace'}]}}")
                .at("/spec/containers"))
        .isEqualTo(json("[{'name':'solo','image':'busybox'}]"));
  }

  @Test
  void deleteDirectiveEmptiesAMapAndDropsANewOne() {
    String original = "{'spec':{'securityContext':{'runAsUser':1000}}}";
    assertThat(patchPod(original, "{'spec':{'securityContext':{'$patch':'delete'}}}"))
        .isEqualTo(json("{'spec':{'securityContext':{}}}"));
    assertThat(patchPod("{'spec':{}}", "{'spec':{'securityContext':{'$patch':'delete'}}}"))
        .isEqualTo(json("{'spec':{}}"));
  }

  @Test
  void retainKeysClearsTheFieldsItDoesNotList() {
    String original =
        "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}";
    assertThat(
            patch(
                original,
                "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
                DEPLOYMENT))
        .isEqualTo(json("{'spec':{'strategy':{'type':'Recreate'}}}"));
  }

  @Test
  void retainKeysInAListElementSwitchesAVolumeSource() {
    String original =
        "{'spec':{'volumes':[{'name':'data','emptyDir':{}},{'name':'tmp','emptyDir':{}}]}}";
    assertThat(
            patchPod(
                    original,
                    "{'spec':{'volumes':[{'name':'data','$retainKeys':['configMap','name'],"
                        + "'configMap':{'name':'cfg'}}]}}")
                .at("/spec/volumes"))
        .isEqualTo(
            json("[{'name':'data','configMap':{'name':'cfg'}},{'name':'tmp','emptyDir':{}}]"));
  }

  @Test
  void setElementOrderReordersTheList() {
    assertThat(
            patchPod(
                    pod("[{'name':'a'},{'name':'b'},{'name':'c'}]"),
                    "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'},{'name':'b'}]}}")
                .at("/spec/containers"))
        .isEqualTo(json("[{'name':'c'},{'name':'a'},{'name':'b'}]"));
  }

  // lists of scalars

  @Test
  void deleteFromPrimitiveListRemovesFinalizers() {
    assertThat(
            patchPod(
                    "{'metadata':{'finalizers':['a','b','c']}}",
                    "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b']}}")
                .at("/metadata/finalizers"))
        .isEqualTo(json("['a','c']"));
  }

  @Test
  void aScalarListWithTheMergeStrategyAddsUniqueValues() {
    assertThat(
            patchPod(
                    "{'metadata':{'finalizers':['a','b']}}",
                    "{'metadata':{'finalizers':['b','c','c']}}")
                .at("/metadata/finalizers"))
        .isEqualTo(json("['a','b','c']"));
  }

  @Test
  void aListWithoutTheMergeStrategyIsReplaced() {
    String original = pod("[{'name':'app','args':['--a','--b'],'image':'x'}]");
    assertThat(
            patchPod(original, "{'spec':{'containers':[{'name':'app','args':['--c']}]}}")
                .at("/spec/containers/0"))
        .isEqualTo(json("{'name':'app','args':['--c'],'image':'x'}"));
  }

  @Test
  void anUnknownSchemaMergesMapsAndReplacesLists() {
    assertThat(
            patch(
                pod("[{'name':'app','image':'nginx'}]"),
                "{'metadata':{'labels':{'tier':'x'}},'spec':{'containers':[{'name':'other'}]}}",
                PatchSchema.unknown()))
        .isEqualTo(
            json(
                "{'metadata':{'name':'p','labels':{'app':'web','env':'dev','tier':'x'}},"
                    + "'spec':{'containers':[{'name':'other'}]}}"));
  }

  // nulls and types

  @Test
  void nullsForMissingKeysAndInsideNewValuesAreDropped() {
    assertThat(
            patchPod(
                pod("[]"),
                "{'metadata':{'labels':{'nope':null}},"
                    + "'spec':{'dnsConfig':{'options':[{'name':'ndots','value':null}],'nameservers':null}}}"))
        .isEqualTo(
            json(
                "{'metadata':{'name':'p','labels':{'app':'web','env':'dev'}},"
                    + "'spec':{'containers':[],'dnsConfig':{'options':[{'name':'ndots'}]}}}"));
  }

  @Test
  void aValueOfAnotherTypeReplacesTheOriginal() {
    assertThat(patchPod(pod("[{'name':'a'}]"), "{'spec':{'containers':'oops'}}").at("/spec"))
        .isEqualTo(json("{'containers':'oops'}"));
  }

  @Test
  void aNullOrEmptyPatchChangesNothing() {
    String original = pod("[{'name':'a'}]");
    assertThat(patchPod(original, "null")).isEqualTo(json(original));
    assertThat(patchPod(original, "{}")).isEqualTo(json(original));
  }

  // errors

  @Test
  void aPatchMustBeAnObject() {
    ApiException e = failure("{}", "[]");
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.status().reason()).isEqualTo("BadRequest");
    assertThat(e.getMessage())
        .isEqualTo("json: cannot unmarshal array into Go value of type map[string]interface {}");
  }

  @Test
  void unknownPatchDirectives() {
    assertThat(failure(pod("[]"), "{'metadata':{'labels':{'$patch':'foo','a':'b'}}}").getMessage())
        .isEqualTo("unknown patch type: foo in map: map[$patch:foo a:b]");
    assertThat(failure(pod("[]"), "{'$patch':1}").getMessage())
        .isEqualTo("unknown patch type: %!s(int64=1) in map: map[$patch:1]");
    assertThat(
            failure(
                    pod("[{'name':'app'}]"),
                    "{'spec':{'containers':[{'name':'app','$patch':'foo'}]}}")
                .getMessage())
        .isEqualTo("unknown patch type: foo in map: map[$patch:foo name:app]");
    // maps do not take $patch: merge; lists do not support it yet
    assertThat(failure(pod("[]"), "{'metadata':{'$patch':'merge'}}").getMessage())
        .isEqualTo("unknown patch type: merge in map: map[$patch:merge]");
    assertThat(
            failure(pod("[{'name':'app'}]"), "{'spec':{'containers':[{'$patch':'merge'}]}}")
                .getMessage())
        .isEqualTo("merging lists cannot yet be specified in the patch");
  }

  @Test
  void listElementsWithoutTheMergeKey() {
    ApiException e =
        failure(pod("[{'name':'app'}]"), "{'spec':{'containers':[{'image':'nginx'}]}}");
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage())
        .isEqualTo("map: map[image:nginx] does not contain declared merge key: name");
    assertThat(
            failure(pod("[{'name':'app'}]"), "{'spec':{'containers':[{'$patch':'delete'}]}}")
                .getMessage())
        .isEqualTo("map: map[$patch:delete] does not contain declared merge key: name");
  }

  @Test
  void mergingObjectsWithoutAMergeKeyIsRefused() {
    PatchSchema keyless =
        PatchSchema.builder()
            .field("items", PatchSchema.builder().patchStrategies("merge").build())
            .build();
    ApiException e = apiError(() -> patch("{'items':[{'a':1}]}", "{'items':[{'a':2}]}", keyless));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("cannot merge lists without merge key for struct");
  }

  @Test
  void listsOfListsAreRefusedWithUpstreams422() {
    ApiException e =
        failure("{'metadata':{'finalizers':[]}}", "{'metadata':{'finalizers':[['a']]}}");
    assertThat(genericInvalidReason(e)).isEqualTo("lists of lists are not supported");
  }

  @Test
  void listElementsOfDifferentTypes() {
    assertThat(
            failure("{'metadata':{'finalizers':['a']}}", "{'metadata':{'finalizers':[1]}}")
                .getMessage())
        .isEqualTo("list element types are not identical: [[a] [1]]");
  }

  @Test
  void malformedRetainKeys() {
    String original = "{'spec':{'strategy':{'type':'RollingUpdate'}}}";
    assertThat(
            apiError(
                    () ->
                        patch(original, "{'spec':{'strategy':{'$retainKeys':'type'}}}", DEPLOYMENT))
                .getMessage())
        .isEqualTo("invalid patch format of retainKeys");
    ApiException unlisted =
        apiError(
            () ->
                patch(
                    original,
                    "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{'maxSurge':2}}}}",
                    DEPLOYMENT));
    assertThat(unlisted.code()).isEqualTo(400);
    assertThat(unlisted.getMessage()).isEqualTo("invalid patch format of retainKeys");
  }

  @Test
  void malformedListDirectives() {
    assertThat(
            failure(pod("[{'name':'a'}]"), "{'spec':{'$setElementOrder/containers':'a'}}")
                .getMessage())
        .isEqualTo("expected a []interface {}, but received a string");
    assertThat(
            failure(pod("[{'name':'a'}]"), "{'spec':{'$setElementOrderX/containers':[]}}")
                .getMessage())
        .isEqualTo("invalid patch format of setElementOrder list");
    assertThat(
            failure(
                    "{'metadata':{'finalizers':['a']}}",
                    "{'metadata':{'$deleteFromPrimitiveList':['a']}}")
                .getMessage())
        .isEqualTo("invalid patch format of primitive list");
  }

  @Test
  void setElementOrderThatContradictsThePatchList() {
    ApiException e =
        failure(
            pod("[{'name':'a'},{'name':'b'}]"),
            "{'spec':{'$setElementOrder/containers':[{'name':'a'}],"
                + "'containers':[{'name':'b','image':'x'}]}}");
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage())
        .isEqualTo(
            "The order in patch list:\n[map[image:x name:b]]\n doesn't match $setElementOrder"
                + " list:\n[map[name:a]]\n");
  }

  @Test
  void setElementOrderOfAListWithoutElements() {
    assertThat(
            failure(
                    "{'metadata':{'finalizers':[]}}",
                    "{'metadata':{'$setElementOrder/finalizers':[]}}")
                .getMessage())
        .isEqualTo("no elements in any of the given slices");
  }
}
