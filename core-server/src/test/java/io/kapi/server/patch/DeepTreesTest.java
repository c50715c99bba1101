package io.kapi.server.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class DeepTreesTest {
  private static ObjectNode chain(int depth) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode current = root;
    for (int i = 1; i < depth; i++) {
      current = current.putObject("k");
    }
    current.put("leaf", 1);
    return root;
  }

  @Test
  void copiesTreesFarDeeperThanTheStackAllows() {
    ObjectNode original = chain(200_000);
    JsonNode copy = DeepTrees.copy(original);
    JsonNode a = original;
    JsonNode b = copy;
    while (a.has("k")) {
      assertThat(b).isNotSameAs(a);
      a = a.get("k");
      b = b.get("k");
    }
    assertThat(b.get("leaf").intValue()).isEqualTo(1);
  }

  @Test
  void aCopyIsIndependentOfTheOriginal() {
    ObjectNode original = JsonNodeFactory.instance.objectNode();
    ArrayNode list = original.putArray("list");
    list.addObject().put("a", 1);
    ObjectNode copy = (ObjectNode) DeepTrees.copy(original);
    ((ObjectNode) copy.get("list").get(0)).put("a", 2);
    ((ArrayNode) copy.get("list")).add(3);
    assertThat(original.get("list")).hasSize(1);
    assertThat(original.get("list").get(0).get("a").intValue()).isEqualTo(1);
  }

  @Test
  void acceptsTheParsersDepthAndNoMore() {
    assertThatCode(() -> DeepTrees.checkDepth(chain(JsonP.MAX_DEPTH))).doesNotThrowAnyException();
    assertThatThrownBy(() -> DeepTrees.checkDepth(chain(JsonP.MAX_DEPTH + 1)))
        .isInstanceOf(JsonP.TooDeepException.class);
    assertThatThrownBy(() -> DeepTrees.checkDepth(chain(200_000)))
        .isInstanceOf(JsonP.TooDeepException.class);
  }
}
