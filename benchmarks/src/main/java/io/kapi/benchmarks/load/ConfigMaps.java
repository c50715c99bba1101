package io.kapi.benchmarks.load;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ConfigMaps the benchmarks write: about 1 KiB of JSON each, and their URLs. */
final class ConfigMaps {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PAYLOAD = "x".repeat(850);

  private ConfigMaps() {}

  /** A ConfigMap of about 1 KiB whose data depends on {@code version}. */
  static byte[] json(String namespace, String name, long version) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\""
            + namespace
            + "\",\"labels\":{\"app\":\"bench\",\"tier\":\"load\"}},\"data\":{\"version\":\""
            + version
            + "\",\"payload\":\""
            + PAYLOAD
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] namespace(String name) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
            + name
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String collection(String namespace) {
    return "/api/v1/namespaces/" + namespace + "/configmaps";
  }

  static String item(String namespace, String name) {
    return collection(namespace) + "/" + name;
  }

  static JsonNode parse(byte[] json) {
    return JSON.readTree(json);
  }

  static String resourceVersion(byte[] object) {
    return parse(object).path("metadata").path("resourceVersion").asString();
  }
}
