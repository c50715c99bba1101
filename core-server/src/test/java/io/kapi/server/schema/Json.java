package io.kapi.server.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test helpers: JSON from single-quoted text, YAML resources, CRD schemas. */
final class Json {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Json() {}

  /** Parses JSON written with single quotes for readability. */
  static JsonNode parse(String singleQuoted) {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }

  static ObjectNode object(String singleQuoted) {
    return (ObjectNode) parse(singleQuoted);
  }

  static String write(JsonNode node) {
    return JSON.writeValueAsString(node);
  }

  /** A YAML test resource of this package. */
  static JsonNode yamlResource(String name) {
    try (InputStream in = Json.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The openAPIV3Schema of the first version of a CRD test resource. */
  static JsonNode crdSchema(String name) {
    return yamlResource(name)
        .path("spec")
        .path("versions")
        .get(0)
        .path("schema")
        .path("openAPIV3Schema");
  }

  /** A schema from single-quoted JSON. */
  static StructuralSchema schema(String singleQuoted) {
    return StructuralSchema.parse(parse(singleQuoted));
  }
}
