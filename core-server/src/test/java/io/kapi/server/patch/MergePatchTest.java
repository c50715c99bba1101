package io.kapi.server.patch;

import static io.kapi.server.patch.Trees.apiError;
import static io.kapi.server.patch.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.errors.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/** RFC 7386 as kube-apiserver applies it (evanphx/json-patch v4). */
class MergePatchTest {

  private static ObjectNode patch(String original, String patch) {
    return Trees.apply(PatchType.MERGE_PATCH, original, patch, PatchSchema.unknown());
  }

  /** RFC 7386 appendix A, for the rows whose target is an object. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'a':'b'}                | {'a':'c'}                | {'a':'c'}",
        "{'a':'b'}                | {'b':'c'}                | {'a':'b','b':'c'}",
        "{'a':'b'}                | {'a':null}               | {}",
        "{'a':'b','b':'c'}        | {'a':null}               | {'b':'c'}",
        "{'a':['b']}              | {'a':'c'}                | {'a':'c'}",
        "{'a':'c'}                | {'a':['b']}              | {'a':['b']}",
        "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}        | {'a':[1]}                | {'a':[1]}",
        "{'e':null}               | {'a':1}                  | {'e':null,'a':1}",
        "{'x':[1,2]}              | {'x':{'a':'b','c':null}} | {'x':{'a':'b'}}",
        "{}                       | {'a':{'bb':{'ccc':null}}}| {'a':{'bb':{}}}",
      })
  void rfc7386Examples(String original, String patch, String result) {
    assertThat(patch(original.trim(), patch.trim())).isEqualTo(json(result.trim()));
  }

  @Test
  void rfc7386MainExample() {
    assertThat(
            patch(
                "{'title':'Goodbye!','author':{'givenName':'John','familyName':'Doe'},"
                    + "'tags':['example','sample'],'content':'This will be unchanged'}",
                "{'title':'Hello!','phoneNumber':'+01-123-456-7890',"
                    + "'author':{'familyName':null},'tags':['example']}"))
        .isEqualTo(
            json(
                "{'title':'Hello!','author':{'givenName':'John'},'tags':['example'],"
                    + "'content':'This will be unchanged','phoneNumber':'+01-123-456-7890'}"));
  }

  @Test
  void newValuesLoseNullMembersEvenInsideArraysAsUpstreamPrunesThem() {
    assertThat(patch("{}", "{'a':[{'b':null,'c':1},null]}"))
        .isEqualTo(json("{'a':[{'c':1},null]}"));
    assertThat(patch("{'a':'scalar'}", "{'a':{'b':[{'c':null}]}}"))
        .isEqualTo(json("{'a':{'b':[{}]}}"));
  }

  @Test
  void anArrayReplacingAnObjectIsTakenAsIs() {
    assertThat(patch("{'a':{'x':1}}", "{'a':[{'b':null}]}")).isEqualTo(json("{'a':[{'b':null}]}"));
  }

  @Test
  void kubectlLabelAndAnnotateOnACustomResource() {
    String original =
        "{'apiVersion':'example.com/v1','kind':'Widget',"
            + "'metadata':{'name':'w','labels':{'app':'web','env':'dev'}},'spec':{'size':1}}";
    assertThat(patch(original, "{'metadata':{'labels':{'env':'prod'}}}"))
        .isEqualTo(
            json(
                "{'apiVersion':'example.com/v1','kind':'Widget',"
                    + "'metadata':{'name':'w','labels':{'app':'web','env':'prod'}},"
                    + "'spec':{'size':1}}"));
    assertThat(patch(original, "{'metadata':{'labels':{'env':null}}}").at("/metadata/labels"))
        .isEqualTo(json("{'app':'web'}"));
    assertThat(patch(original, "{'metadata':{'annotations':{'note':'hi'}}}").at("/metadata"))
        .isEqualTo(
            json("{'name':'w','labels':{'app':'web','env':'dev'},'annotations':{'note':'hi'}}"));
  }

  @Test
  void aNullPatchIsBad() {
    ApiException e = apiError(() -> patch("{'a':1}", "null"));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("Invalid JSON Patch");
  }

  @Test
  void aPatchThatIsNotAnObjectIsBad() {
    ApiException array = apiError(() -> patch("{'a':1}", "['c']"));
    assertThat(array.code()).isEqualTo(400);
    assertThat(array.status().reason()).isEqualTo("BadRequest");
    assertThat(array.getMessage())
        .isEqualTo(
            "error decoding patch: json: cannot unmarshal array into Go value of type"
                + " map[string]interface {}");
    assertThat(apiError(() -> patch("{'a':1}", "'bar'")).getMessage())
        .isEqualTo(
            "error decoding patch: json: cannot unmarshal string into Go value of type"
                + " map[string]interface {}");
  }
}
