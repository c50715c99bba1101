package io.kapi.server.schema;

import static io.kapi.server.schema.Json.object;
import static io.kapi.server.schema.Json.parse;
import static io.kapi.server.schema.Json.schema;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DefaulterTest {
  private static final StructuralSchema SCHEMA =
      schema(
          "{'type':'object','properties':{'spec':{'type':'object','default':{},'properties':{"
              + "'replicas':{'type':'integer','default':1},"
              + "'mode':{'type':'string','default':'auto'},'note':{'type':'string'},"
              + "'maybe':{'type':'string','nullable':true},"
              + "'opts':{'type':'object','default':{'a':[1]},'properties':{'a':{'type':'array',"
              + "'items':{'type':'integer'}}}},"
              + "'ports':{'type':'array','items':{'type':'object','default':{'port':80},"
              + "'properties':{'port':{'type':'integer'},'protocol':{'type':'string','default':'TCP'}}}},"
              + "'limits':{'type':'object','additionalProperties':{'type':'object',"
              + "'default':{'max':10},'properties':{'max':{'type':'integer'},"
              + "'unit':{'type':'string','default':'count'}}}}}}}}");

  @Test
  void missingPropertiesGetTheirDefaultsRecursively() {
    ObjectNode value = object("{}");

    Defaulter.apply(value, SCHEMA);

    assertThat(value).isEqualTo(parse("{'spec':{'replicas':1,'mode':'auto','opts':{'a':[1]}}}"));
  }

  @Test
  void nullsWithoutDefaultAreDroppedUnlessNullable() {
    ObjectNode value = object("{'spec':{'note':null,'maybe':null,'replicas':null}}");

    Defaulter.apply(value, SCHEMA);

    assertThat(value)
        .isEqualTo(parse("{'spec':{'maybe':null,'replicas':1,'mode':'auto','opts':{'a':[1]}}}"));
  }

  @Test
  void arrayItemsAndMapValuesAreDefaulted() {
    ObjectNode value =
        object("{'spec':{'ports':[{'port':443},null],'limits':{'cpu':{'max':2},'mem':null}}}");

    Defaulter.apply(value, SCHEMA);

    assertThat(value.get("spec").get("ports"))
        .isEqualTo(parse("[{'port':443,'protocol':'TCP'},{'port':80,'protocol':'TCP'}]"));
    assertThat(value.get("spec").get("limits"))
        .isEqualTo(parse("{'cpu':{'max':2,'unit':'count'},'mem':{'max':10,'unit':'count'}}"));
  }

  @Test
  void defaultsAreDeepCopies() {
    ObjectNode first = object("{}");
    ObjectNode second = object("{}");
    Defaulter.apply(first, SCHEMA);
    Defaulter.apply(second, SCHEMA);

    ((tools.jackson.databind.node.ArrayNode) first.at("/spec/opts/a")).add(2);

    assertThat(second.at("/spec/opts/a")).isEqualTo(parse("[1]"));
    assertThat(SCHEMA.property("spec").orElseThrow().property("opts").orElseThrow().defaultValue())
        .contains(parse("{'a':[1]}"));
  }

  @Test
  void crdDefaultsFromServiceMonitorApply() {
    StructuralSchema serviceMonitor =
        StructuralSchema.parse(Json.crdSchema("monitoring.coreos.com_servicemonitors.yaml"));
    ObjectNode value =
        object(
            "{'spec':{'selector':{},'endpoints':[{'port':'web','relabelings':[{'sourceLabels':"
                + "['__meta_kubernetes_pod_name']}],'basicAuth':{'username':{'key':'user'}}}]}}");

    Defaulter.apply(value, serviceMonitor);

    JsonNode endpoint = value.at("/spec/endpoints/0");
    assertThat(endpoint.at("/relabelings/0/action").stringValue()).isEqualTo("replace");
    assertThat(endpoint.at("/basicAuth/username/name").stringValue()).isEmpty();
  }
}
