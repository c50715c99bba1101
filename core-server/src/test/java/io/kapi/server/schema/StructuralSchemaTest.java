package io.kapi.server.schema;

import static io.kapi.server.schema.Json.parse;
import static io.kapi.server.schema.Json.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuralSchemaTest {
  private static final String ROOT = "spec.versions[0].schema.openAPIV3Schema";

  private static List<String> structuralErrors(String json) {
    return schema(json).structuralErrors(ROOT).stream().map(FieldError::toString).toList();
  }

  @Test
  void parseReadsEveryKeyword() {
    StructuralSchema s =
        schema(
            "{'type':'object','description':'d','title':'t','nullable':true,'default':{'a':1},"
                + "'required':['a'],'minProperties':1,'maxProperties':3,"
                + "'x-kubernetes-preserve-unknown-fields':true,'x-kubernetes-embedded-resource':true,"
                + "'x-kubernetes-map-type':'atomic','additionalProperties':false,"
                + "'properties':{'a':{'type':'integer','format':'int32','minimum':1,"
                + "'exclusiveMinimum':true,'maximum':9,'exclusiveMaximum':true,'multipleOf':2,"
                + "'enum':[2,4]},'l':{'type':'array','minItems':1,'maxItems':2,'uniqueItems':true,"
                + "'x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['k'],"
                + "'x-kubernetes-patch-merge-key':'k','x-kubernetes-patch-strategy':'merge',"
                + "'items':{'type':'object'}},'s':{'type':'string','minLength':1,'maxLength':2,"
                + "'pattern':'^x','x-kubernetes-int-or-string':true,"
                + "'anyOf':[{'type':'integer'}],'allOf':[{}],'oneOf':[{}],'not':{}}}}");

    assertThat(s.type()).contains("object");
    assertThat(s.description()).contains("d");
    assertThat(s.title()).contains("t");
    assertThat(s.nullable()).isTrue();
    assertThat(s.defaultValue()).contains(parse("{'a':1}"));
    assertThat(s.required()).containsExactly("a");
    assertThat(s.minProperties()).contains(1L);
    assertThat(s.maxProperties()).contains(3L);
    assertThat(s.preserveUnknownFields()).isTrue();
    assertThat(s.embeddedResource()).isTrue();
    assertThat(s.mapType()).contains("atomic");
    assertThat(s.hasAdditionalProperties()).isTrue();
    assertThat(s.additionalPropertiesAllowed()).isFalse();
    assertThat(s.additionalProperties()).isEmpty();
    StructuralSchema a = s.property("a").orElseThrow();
    assertThat(a.format()).contains("int32");
    assertThat(a.minimum()).contains(1.0);
    assertThat(a.exclusiveMinimum()).isTrue();
    assertThat(a.maximum()).contains(9.0);
    assertThat(a.exclusiveMaximum()).isTrue();
    assertThat(a.multipleOf()).contains(2.0);
    assertThat(a.enumValues()).containsExactly(parse("2"), parse("4"));
    StructuralSchema l = s.property("l").orElseThrow();
    assertThat(l.minItems()).contains(1L);
    assertThat(l.maxItems()).contains(2L);
    assertThat(l.uniqueItems()).isTrue();
    assertThat(l.listType()).contains("map");
    assertThat(l.listMapKeys()).containsExactly("k");
    assertThat(l.patchMergeKey()).contains("k");
    assertThat(l.patchStrategy()).contains("merge");
    assertThat(l.items()).isPresent();
    StructuralSchema str = s.property("s").orElseThrow();
    assertThat(str.minLength()).contains(1L);
    assertThat(str.maxLength()).contains(2L);
    assertThat(str.pattern()).contains("^x");
    assertThat(str.intOrString()).isTrue();
    assertThat(str.anyOf()).hasSize(1);
    assertThat(str.allOf()).hasSize(1);
    assertThat(str.oneOf()).hasSize(1);
    assertThat(str.not()).isPresent();
  }

  @Test
  void schemasAreImmutableCopies() {
    var json =
        (tools.jackson.databind.node.ObjectNode)
            parse("{'type':'string','default':'a','enum':['a']}");
    StructuralSchema s = StructuralSchema.parse(json);
    json.put("default", "changed");

    assertThat(s.defaultValue()).contains(parse("'a'"));
    ((tools.jackson.databind.node.ObjectNode) parse("{}")).set("x", s.enumValues().get(0));
    assertThat(s.enumValues()).containsExactly(parse("'a'"));
  }

  @Test
  void referencesAndMalformedKeywordsAreRejected() {
    assertThatThrownBy(() -> schema("{'type':'object','properties':{'a':{'$ref':'#/x'}}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("schema at properties.a: $ref is not supported");
    assertThatThrownBy(() -> schema("{'type':'array','items':[{'type':'string'}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("items must be a schema, but is an array");
    assertThatThrownBy(() -> schema("{'type':5}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("type must be a string");
  }

  @Test
  void realCrdSchemasAreStructural() {
    assertThat(
            StructuralSchema.parse(Json.crdSchema("monitoring.coreos.com_servicemonitors.yaml"))
                .structuralErrors(ROOT))
        .isEmpty();
    assertThat(
            StructuralSchema.parse(Json.crdSchema("samplecontroller_foos.yaml"))
                .structuralErrors(ROOT))
        .isEmpty();
  }

  @Test
  void everyNodeNeedsAType() {
    assertThat(structuralErrors("{'properties':{'a':{},'l':{'type':'array','items':{}}}}"))
        .containsExactly(
            ROOT
                + ".properties[a].type: Required value: must not be empty for specified object"
                + " fields",
            ROOT
                + ".properties[l].items.type: Required value: must not be empty for specified array"
                + " items",
            ROOT + ".type: Required value: must not be empty at the root");
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'a':{'x-kubernetes-preserve-unknown-fields':true},"
                    + "'b':{'x-kubernetes-int-or-string':true}}}"))
        .isEmpty();
  }

  @Test
  void theRootIsAnObjectWithoutAdditionalProperties() {
    assertThat(structuralErrors("{'type':'array','items':{'type':'string'}}"))
        .containsExactly(ROOT + ".type: Invalid value: \"array\": must be object at the root");
    assertThat(structuralErrors("{'type':'object','additionalProperties':{'type':'string'}}"))
        .containsExactly(ROOT + ".additionalProperties: Forbidden: must not be used at the root");
  }

  @Test
  void arraysNeedItems() {
    assertThat(structuralErrors("{'type':'object','properties':{'l':{'type':'array'}}}"))
        .containsExactly(ROOT + ".properties[l].items: Required value: must be specified");
  }

  @Test
  void metadataMayOnlyRestrictNameAndGenerateName() {
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'metadata':{'type':'object','properties':{"
                    + "'name':{'type':'string','maxLength':10},'generateName':{'type':'string'}}},"
                    + "'kind':{'type':'string'},'apiVersion':{'type':'string'}}}"))
        .isEmpty();
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'metadata':{'type':'object','properties':{"
                    + "'labels':{'type':'object'}}},'kind':{'type':'integer'}}}"))
        .containsExactly(
            ROOT + ".properties[kind].type: Invalid value: \"integer\": must be string",
            ROOT
                + ".properties[metadata]: Forbidden: must not specify anything other than name and"
                + " generateName, but metadata is implicitly specified");
  }

  @Test
  void junctorsMayOnlyValidateValues() {
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'a':{'type':'string',"
                    + "'anyOf':[{'type':'string','description':'x'}],"
                    + "'allOf':[{'properties':{'metadata':{'pattern':'x'}}}]}}}"))
        .containsExactly(
            ROOT
                + ".properties[a].allOf[0].properties[metadata]: Forbidden: must not be specified"
                + " in a nested context",
            ROOT + ".properties[a].anyOf[0].description: Forbidden: must be empty to be structural",
            ROOT + ".properties[a].anyOf[0].type: Forbidden: must be empty to be structural");
  }

  @Test
  void intOrStringMayUseTheAnyOfPattern() {
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'p':{'x-kubernetes-int-or-string':true,"
                    + "'anyOf':[{'type':'integer'},{'type':'string'}]},"
                    + "'q':{'x-kubernetes-int-or-string':true,'allOf':[{'anyOf':[{'type':'integer'},"
                    + "{'type':'string'}]},{'pattern':'^a'}]}}}"))
        .isEmpty();
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'p':{'x-kubernetes-int-or-string':true,"
                    + "'x-kubernetes-preserve-unknown-fields':true}}}"))
        .containsExactly(
            ROOT
                + ".properties[p].x-kubernetes-preserve-unknown-fields: Invalid value: true: must"
                + " be false if x-kubernetes-int-or-string is true");
  }

  @Test
  void embeddedResourcesAreObjectsWithProperties() {
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'e':{'x-kubernetes-embedded-resource':true}}}"))
        .containsExactly(
            ROOT
                + ".properties[e].properties: Required value: must not be empty if"
                + " x-kubernetes-embedded-resource is true without"
                + " x-kubernetes-preserve-unknown-fields",
            ROOT
                + ".properties[e].type: Required value: must be object if"
                + " x-kubernetes-embedded-resource is true");
  }

  @Test
  void junctorFieldsMustExistStructurally() {
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'a':{'type':'string'}},"
                    + "'anyOf':[{'required':['a']},{'properties':{'b':{'minLength':1}}}]}"))
        .containsExactly(
            ROOT
                + ".properties[b]: Required value: because it is defined in "
                + ROOT
                + ".anyOf[1].properties[b]");
  }

  @Test
  void invalidPatternsAreReported() {
    assertThat(
            structuralErrors(
                "{'type':'object','properties':{'a':{'type':'string','pattern':'('}}}"))
        .singleElement()
        .asString()
        .startsWith(
            ROOT
                + ".properties[a].pattern: Invalid value: \"(\": must be a valid regular"
                + " expression, but isn't: ");
  }
}
