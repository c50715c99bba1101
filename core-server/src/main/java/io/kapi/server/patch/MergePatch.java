package io.kapi.server.patch;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON merge patch as kube-apiserver applies it. Parsson's {@code JsonMergePatch} does the
 * merge; before that, the patch is pruned the way upstream's library (evanphx/json-patch v4) prunes
 * it: a value that lands where the target has nothing mergeable (no member, {@code null} or a
 * scalar) loses its {@code null} members at every depth, also inside arrays, where RFC 7386 alone
 * would keep those in arrays.
 */
final class MergePatch {
  private MergePatch() {}

  /**
   * Applies {@code patch} to {@code original}.
   *
   * @throws io.kapi.api.errors.ApiException 400 for a patch that is not an object, as upstream's
   *     strict decoding (the default field validation) reports it, or {@code null}
   */
  static ObjectNode apply(ObjectNode original, JsonNode patch) {
    if (patch.isNull()) {
      throw PatchErrors.badRequest("Invalid JSON Patch");
    }
    if (!patch.isObject()) {
      throw PatchErrors.badRequest(
          "error decoding patch: json: cannot unmarshal "
              + JsonPatch.jsonKind(patch)
              + " into Go value of type map[string]interface {}");
    }
    prune((ObjectNode) patch, original);
    JsonObject target = (JsonObject) JsonP.toJsonP(original);
    JsonValue merged = JsonP.PROVIDER.createMergePatch(JsonP.toJsonP(patch)).apply(target);
    return (ObjectNode) JsonP.fromJsonP(merged);
  }

  /** Walks the patch along the target, pruning values that replace rather than merge. */
  private static void prune(ObjectNode patch, @Nullable JsonNode target) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode value = e.getValue();
      if (value.isNull()) {
        continue; // deletes the member
      }
      JsonNode current = target == null ? null : target.get(e.getKey());
      if (current == null || !current.isObject()) {
        pruneNulls(value);
      } else if (value.isObject()) {
        prune((ObjectNode) value, current);
      }
    }
  }

  /** Drops {@code null} members of every object inside {@code node}; array elements stay. */
  private static void pruneNulls(JsonNode node) {
    List<JsonNode> pending = new ArrayList<>();
    pending.add(node);
    while (!pending.isEmpty()) {
      JsonNode current = pending.remove(pending.size() - 1);
      if (current instanceof ObjectNode object) {
        List<String> nulls = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
          if (e.getValue().isNull()) {
            nulls.add(e.getKey());
          } else {
            pending.add(e.getValue());
          }
        }
        object.remove(nulls);
      } else if (current.isArray()) {
        for (JsonNode child : current) {
          pending.add(child);
        }
      }
    }
  }
}
