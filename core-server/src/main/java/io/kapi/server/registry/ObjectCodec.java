package io.kapi.server.registry;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.unstructured.Unstructured;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's byte forms of an object. Stored values are compact JSON with keys in Go's map order
 * (as upstream writes custom resources) and without {@code metadata.resourceVersion}, which is the
 * entry's mod revision and set on every read; so two writes of the same state are byte-equal and a
 * no-op update writes nothing.
 */
final class ObjectCodec {
  private ObjectCodec() {}

  /** Compact JSON of {@code object}, without a trailing newline. */
  static byte[] toJson(Unstructured object) {
    byte[] withNewline = ApiCodec.json().encode(object);
    return Arrays.copyOf(withNewline, withNewline.length - 1);
  }

  /**
   * The stored form of {@code object}: keys sorted (in place) and without resourceVersion. The
   * object keeps its resourceVersion.
   */
  static byte[] toStored(Unstructured object) {
    object.sortKeys();
    JsonNode metadata = object.object().get("metadata");
    JsonNode rv = metadata instanceof ObjectNode m ? m.remove("resourceVersion") : null;
    try {
      return toJson(object);
    } finally {
      if (rv != null) {
        putSorted((ObjectNode) metadata, "resourceVersion", rv);
      }
    }
  }

  /**
   * Decodes a stored value as an object of {@code apiVersion}/{@code kind} at {@code revision}.
   *
   * @throws io.kapi.api.codec.DecodeException if the value is not a JSON object
   */
  static Unstructured fromStored(byte[] value, String apiVersion, String kind, long revision) {
    Unstructured object = ApiCodec.json().decode(value, Unstructured.class);
    ObjectNode root = object.object();
    putSorted(root, "apiVersion", JsonNodeFactory.instance.stringNode(apiVersion));
    putSorted(root, "kind", JsonNodeFactory.instance.stringNode(kind));
    setResourceVersion(object, revision);
    return object;
  }

  /** Sets {@code metadata.resourceVersion} to {@code revision}, keeping metadata's keys sorted. */
  static void setResourceVersion(Unstructured object, long revision) {
    ObjectNode root = object.object();
    JsonNode metadata = root.get("metadata");
    if (!(metadata instanceof ObjectNode)) {
      metadata = JsonNodeFactory.instance.objectNode();
      putSorted(root, "metadata", metadata);
    }
    putSorted((ObjectNode) metadata, "resourceVersion", JsonNodeFactory.instance.stringNode(
        Long.toString(revision)));
  }

  /**
   * Puts {@code key} into {@code node} at its place in sorted key order (replacing in place when
   * present); the other keys are assumed sorted.
   */
  static void putSorted(ObjectNode node, String key, JsonNode value) {
    if (node.has(key)) {
      node.set(key, value);
      return;
    }
    List<Map.Entry<String, JsonNode>> after = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().compareTo(key) > 0) {
        after.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    for (Map.Entry<String, JsonNode> e : after) {
      node.remove(e.getKey());
    }
    node.set(key, value);
    for (Map.Entry<String, JsonNode> e : after) {
      node.set(e.getKey(), e.getValue());
    }
  }
}
