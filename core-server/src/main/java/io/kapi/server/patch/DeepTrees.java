package io.kapi.server.patch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jackson tree operations that work at any depth, without recursion: a JSON patch can nest a
 * document far deeper than a parser would accept before its depth is checked.
 */
final class DeepTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DeepTrees() {}

  /** A deep copy of {@code root} (value nodes, being immutable, are shared). */
  static JsonNode copy(JsonNode root) {
    if (!root.isContainer()) {
      return root;
    }
    Deque<JsonNode[]> pending = new ArrayDeque<>();
    JsonNode copy = shallow(root, pending);
    while (!pending.isEmpty()) {
      JsonNode[] pair = pending.pop();
      if (pair[0] instanceof ObjectNode from) {
        ObjectNode to = (ObjectNode) pair[1];
        for (Map.Entry<String, JsonNode> e : from.properties()) {
          to.set(e.getKey(), shallow(e.getValue(), pending));
        }
      } else {
        ArrayNode to = (ArrayNode) pair[1];
        for (JsonNode element : pair[0]) {
          to.add(shallow(element, pending));
        }
      }
    }
    return copy;
  }

  /** An empty container like {@code value}, queued to be filled; value nodes as they are. */
  private static JsonNode shallow(JsonNode value, Deque<JsonNode[]> pending) {
    if (!value.isContainer()) {
      return value;
    }
    JsonNode copy = value.isObject() ? NODES.objectNode() : NODES.arrayNode(value.size());
    pending.push(new JsonNode[] {value, copy});
    return copy;
  }

  /**
   * Fails when {@code root} nests deeper than {@link JsonP#MAX_DEPTH}, the depth a JSON parser
   * reads back.
   *
   * @throws JsonP.TooDeepException if it does
   */
  static void checkDepth(JsonNode root) {
    Deque<JsonNode> level = new ArrayDeque<>();
    if (root.isContainer()) {
      level.add(root);
    }
    int depth = 0;
    while (!level.isEmpty()) {
      depth++;
      if (depth > JsonP.MAX_DEPTH) {
        throw new JsonP.TooDeepException();
      }
      Deque<JsonNode> next = new ArrayDeque<>();
      for (JsonNode node : level) {
        for (JsonNode child : node.values()) {
          if (child.isContainer()) {
            next.add(child);
          }
        }
      }
      level = next;
    }
  }
}
