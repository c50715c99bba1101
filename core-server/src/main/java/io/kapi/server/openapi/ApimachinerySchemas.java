package io.kapi.server.openapi;

import io.kapi.api.codec.ApiCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The component schemas of {@code k8s.io/apimachinery} types every group version refers to ({@code
 * ObjectMeta}, {@code ListMeta}, {@code Status}, {@code DeleteOptions}, {@code WatchEvent}, {@code
 * Patch}, {@code APIResourceList}, {@code Time}, {@code Quantity}, discovery types, {@code
 * version.Info}…), taken from upstream's published OpenAPI v3 documents (see NOTICE). Loaded once;
 * the nodes are never handed out without copying.
 */
final class ApimachinerySchemas {
  private static final String RESOURCE = "apimachinery-schemas.json";
  private static final Map<String, JsonNode> SCHEMAS = load();

  private ApimachinerySchemas() {}

  /** The shared, never-mutated schemas by component name. */
  static Map<String, JsonNode> shared() {
    return SCHEMAS;
  }

  private static Map<String, JsonNode> load() {
    try (InputStream in = ApimachinerySchemas.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonNode all = ApiCodec.json().decode(in, JsonNode.class);
      Map<String, JsonNode> schemas = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : all.properties()) {
        schemas.put(e.getKey(), e.getValue());
      }
      return Collections.unmodifiableMap(schemas);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
