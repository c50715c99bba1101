package io.kapi.server.schema;

import static io.kapi.server.schema.Json.object;
import static io.kapi.server.schema.Json.parse;
import static io.kapi.server.schema.Json.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.schema.GroupVersionKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PrunerTest {
  private static final StructuralSchema FOO =
      schema(
          "{'type':'object','properties':{'spec':{'type':'object','properties':{"
              + "'replicas':{'type':'integer'},"
              + "'items':{'type':'array','items':{'type':'object','properties':{'name':{'type':'string'}}}},"
              + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
              + "'config':{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
              + "'properties':{'known':{'type':'object','properties':{'a':{'type':'string'}}}}},"
              + "'template':{'type':'object','x-kubernetes-embedded-resource':true,"
              + "'properties':{'spec':{'type':'object','properties':{'image':{'type':'string'}}}}}"
              + "}},'status':{'type':'object','properties':{'ready':{'type':'boolean'}}}}}");

  @Test
  void unknownNestedFieldsAreRemovedAndReportedSorted() {
    ObjectNode foo =
        object(
            "{'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'x'},"
                + "'spec':{'replicas':1,'zzz':true,'items':[{'name':'a','extra':1},{'name':'b'}],"
                + "'aaa':{'deep':1}},'status':{'ready':true,'phase':'Up'},'other':1}");

    assertThat(Pruner.prune(foo, FOO, true))
        .containsExactly("other", "spec.aaa", "spec.items[0].extra", "spec.zzz", "status.phase");
    assertThat(foo)
        .isEqualTo(
            parse(
                "{'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'x'},"
                    + "'spec':{'replicas':1,'items':[{'name':'a'},{'name':'b'}]},"
                    + "'status':{'ready':true}}"));
  }

  @Test
  void additionalPropertiesKeepEveryKey() {
    ObjectNode foo = object("{'spec':{'labels':{'a':'1','b':'2'}}}");

    assertThat(Pruner.prune(foo, FOO, true)).isEmpty();
    assertThat(foo).isEqualTo(parse("{'spec':{'labels':{'a':'1','b':'2'}}}"));
  }

  @Test
  void preserveUnknownFieldsKeepsUnknownButPrunesKnownSubtrees() {
    ObjectNode foo =
        object("{'spec':{'config':{'free':{'form':[1,2]},'known':{'a':'x','b':'dropped'}}}}");

    assertThat(Pruner.prune(foo, FOO, true)).containsExactly("spec.config.known.b");
    assertThat(foo)
        .isEqualTo(parse("{'spec':{'config':{'free':{'form':[1,2]},'known':{'a':'x'}}}}"));
  }

  @Test
  void metadataIsPrunedAsObjectMetaAndReportedFirst() {
    ObjectNode foo =
        object(
            "{'apiVersion':'example.com/v1','kind':'Foo','metadata':{'name':'x','labels':{'a':'b'},"
                + "'bogus':1,'ownerReferences':[{'apiVersion':'v1','kind':'K','name':'n','uid':'u',"
                + "'junk':true}],'managedFields':[{'manager':'m','fieldsV1':{'f:spec':{}}}]},"
                + "'spec':{'a':1}}");

    assertThat(Pruner.prune(foo, FOO, true))
        .containsExactly("metadata.bogus", "metadata.ownerReferences[0].junk", "spec.a");
    assertThat(foo.get("metadata"))
        .isEqualTo(
            parse(
                "{'name':'x','labels':{'a':'b'},'ownerReferences':[{'apiVersion':'v1','kind':'K',"
                    + "'name':'n','uid':'u'}],'managedFields':[{'manager':'m','fieldsV1':{'f:spec':{}}}]}"));
  }

  @Test
  void embeddedResourcesKeepTypeMetaAndPruneTheirMetadataLast() {
    ObjectNode foo =
        object(
            "{'spec':{'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'t','x':1},"
                + "'spec':{'image':'nginx','y':2},'z':3},'zzz':1}}");

    assertThat(Pruner.prune(foo, FOO, true))
        .containsExactly(
            "spec.template.spec.y", "spec.template.z", "spec.zzz", "spec.template.metadata.x");
    assertThat(foo.at("/spec/template"))
        .isEqualTo(
            parse(
                "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'t'},'spec':{'image':'nginx'}}"));
  }

  @Test
  void valuesOutsideAResourceLoseUnknownTypeMetaSilentlyAtTheRoot() {
    JsonNode value = parse("{'kind':'Foo','spec':{'replicas':1,'kind':'x'}}");

    assertThat(Pruner.prune(value, FOO, false)).containsExactly("spec.kind");
    assertThat(value).isEqualTo(parse("{'spec':{'replicas':1}}"));
  }

  @Test
  void objectsWithoutSchemaAreEmptied() {
    StructuralSchema untyped =
        schema("{'type':'object','properties':{'list':{'type':'array'},'obj':{'type':'object'}}}");
    JsonNode value = parse("{'list':[{'a':1},'keep'],'obj':{'b':2}}");

    assertThat(Pruner.prune(value, untyped, false)).containsExactly("list[0].a", "obj.b");
    assertThat(value).isEqualTo(parse("{'list':[{},'keep'],'obj':{}}"));
  }

  @Test
  void builtInPodsArePrunedAgainstTheUpstreamSchema() {
    ResourceSchema pods =
        ResourceSchema.forKind(OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "Pod"));
    ObjectNode pod =
        object(
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','annotations':{'a':'b'}},"
                + "'spec':{'containers':[{'name':'c','image':'i','imagePullPolicyy':'Always',"
                + "'resources':{'limits':{'cpu':'1'}}}],'foo':{'bar':1}}}");

    assertThat(pods.prune(pod)).containsExactly("spec.containers[0].imagePullPolicyy", "spec.foo");
    assertThat(pod.at("/spec/containers/0"))
        .isEqualTo(parse("{'name':'c','image':'i','resources':{'limits':{'cpu':'1'}}}"));
  }
}
