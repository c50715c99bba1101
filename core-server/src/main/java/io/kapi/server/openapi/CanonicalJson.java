package io.kapi.server.openapi;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.internal.JsonTrees;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serializes OpenAPI documents the way Go marshals maps: keys sorted, compact, HTML-safe escapes,
 * no trailing newline. Equal documents therefore give equal bytes and equal hashes, whatever order
 * their fields were added in, so replicas of a server publish the same hash URLs.
 */
final class CanonicalJson {
  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

  private CanonicalJson() {}

  /** The compact bytes of {@code node} with every object's keys sorted. */
  static byte[] encode(JsonNode node) {
    byte[] withNewline = ApiCodec.json().encode(sortedCopy(node));
    byte[] bytes = new byte[withNewline.length - 1];
    System.arraycopy(withNewline, 0, bytes, 0, bytes.length);
    return bytes;
  }

  /** Upper-case hex of the SHA-512 of {@code bytes}: upstream's OpenAPI and discovery ETag. */
  static String sha512Hex(byte[] bytes) {
    try {
      return UPPER_HEX.formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required by every Java platform", e);
    }
  }

  /** A deep copy of {@code node} whose objects have their keys in code point order. */
  static JsonNode sortedCopy(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
      entries.sort(Map.Entry.comparingByKey(JsonTrees.GO_STRING_ORDER));
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : entries) {
        copy.set(e.getKey(), sortedCopy(e.getValue()));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
      for (JsonNode element : array) {
        copy.add(sortedCopy(element));
      }
      return copy;
    }
    return node;
  }

}
