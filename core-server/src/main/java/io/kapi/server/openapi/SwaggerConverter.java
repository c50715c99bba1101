package io.kapi.server.openapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns OpenAPI 3.0 group-version documents into one Swagger 2.0 document, the shape of
 * kube-apiserver's {@code /openapi/v2}: component schemas become {@code definitions} (references
 * rewritten to {@code #/definitions/}, single-{@code $ref} {@code allOf} wrappers unwrapped, and
 * {@code nullable}, {@code oneOf}, {@code anyOf}, {@code not}, {@code writeOnly} and {@code
 * deprecated}, which Swagger 2.0 lacks, dropped); request bodies become a {@code body} parameter
 * plus {@code consumes}; response contents become a {@code schema} plus {@code produces}; parameter
 * schemas are flattened into the parameter. The first document that defines a path or schema wins.
 */
final class SwaggerConverter {
  private static final String DEFINITIONS_PREFIX = "#/definitions/";
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch");
  private static final List<String> V3_ONLY_SCHEMA_KEYWORDS =
      List.of("nullable", "oneOf", "anyOf", "not", "writeOnly", "deprecated");
  private static final List<String> V3_ONLY_OPERATION_FIELDS =
      List.of("parameters", "requestBody", "responses", "callbacks", "servers");

  private SwaggerConverter() {}

  /** One Swagger 2.0 document holding the paths and schemas of all {@code documents}. */
  static ObjectNode merge(Iterable<JsonNode> documents, String title, String version) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode swagger = nodes.objectNode();
    swagger.put("swagger", "2.0");
    swagger.putObject("info").put("title", title).put("version", version);
    ObjectNode paths = swagger.putObject("paths");
    ObjectNode definitions = swagger.putObject("definitions");
    ObjectNode securityDefinitions = nodes.objectNode();
    for (JsonNode document : documents) {
      for (Map.Entry<String, JsonNode> e : document.path("paths").properties()) {
        if (!paths.has(e.getKey())) {
          paths.set(e.getKey(), pathItem(e.getValue()));
        }
      }
      JsonNode components = document.path("components");
      for (Map.Entry<String, JsonNode> e : components.path("schemas").properties()) {
        if (!definitions.has(e.getKey())) {
          definitions.set(e.getKey(), schema(e.getValue()));
        }
      }
      for (Map.Entry<String, JsonNode> e : components.path("securitySchemes").properties()) {
        JsonNode scheme = e.getValue();
        if (!securityDefinitions.has(e.getKey())
            && "apiKey".equals(scheme.path("type").asString())) {
          securityDefinitions.set(e.getKey(), scheme.deepCopy());
        }
      }
    }
    if (!securityDefinitions.isEmpty()) {
      swagger.set("securityDefinitions", securityDefinitions);
    }
    return swagger;
  }

  /** A converted copy of a v3 schema. */
  static JsonNode schema(JsonNode v3) {
    JsonNode copy = v3.deepCopy();
    SchemaWalker.walk(copy, SwaggerConverter::convertSchemaObject);
    return copy;
  }

  private static void convertSchemaObject(ObjectNode schema) {
    JsonNode allOf = schema.get("allOf");
    if (allOf != null
        && allOf.isArray()
        && allOf.size() == 1
        && allOf.get(0).isObject()
        && allOf.get(0).size() == 1
        && allOf.get(0).has("$ref")
        && !schema.has("$ref")) {
      schema.set("$ref", allOf.get(0).get("$ref"));
      schema.remove("allOf");
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isString() && ref.asString().startsWith(SchemaRef.COMPONENTS_PREFIX)) {
      schema.put(
          "$ref",
          DEFINITIONS_PREFIX + ref.asString().substring(SchemaRef.COMPONENTS_PREFIX.length()));
    }
    for (String keyword : V3_ONLY_SCHEMA_KEYWORDS) {
      schema.remove(keyword);
    }
  }

  private static ObjectNode pathItem(JsonNode v3) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : v3.properties()) {
      String key = e.getKey();
      if (key.equals("parameters")) {
        ArrayNode parameters = parameters(e.getValue());
        if (!parameters.isEmpty()) {
          item.set("parameters", parameters);
        }
      } else if (METHODS.contains(key)) {
        item.set(key, operation(e.getValue()));
      } else if (key.startsWith("x-")) {
        item.set(key, e.getValue().deepCopy());
      }
    }
    return item;
  }

  private static ObjectNode operation(JsonNode v3) {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : v3.properties()) {
      if (!V3_ONLY_OPERATION_FIELDS.contains(e.getKey())) {
        op.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    List<ObjectNode> parameters = new ArrayList<>();
    for (JsonNode parameter : parameters(v3.path("parameters"))) {
      parameters.add((ObjectNode) parameter);
    }
    JsonNode requestBody = v3.get("requestBody");
    if (requestBody != null && requestBody.isObject()) {
      Set<String> consumes = new LinkedHashSet<>(requestBody.path("content").propertyNames());
      if (!consumes.isEmpty()) {
        ArrayNode array = op.putArray("consumes");
        consumes.forEach(array::add);
      }
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("in", "body");
      body.put("name", "body");
      if (requestBody.path("required").asBoolean(false)) {
        body.put("required", true);
      }
      if (requestBody.has("description")) {
        body.set("description", requestBody.get("description"));
      }
      JsonNode bodySchema = firstSchema(requestBody.path("content"));
      body.set(
          "schema",
          bodySchema == null
              ? JsonNodeFactory.instance.objectNode().put("type", "object")
              : schema(bodySchema));
      parameters.add(body);
    }
    parameters.sort(OpenApiDocumentBuilder.BY_NAME_THEN_IN);
    if (!parameters.isEmpty()) {
      ArrayNode array = op.putArray("parameters");
      parameters.forEach(array::add);
    }
    Set<String> produces = new LinkedHashSet<>();
    ObjectNode responses = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : v3.path("responses").properties()) {
      JsonNode response = e.getValue();
      ObjectNode converted = responses.putObject(e.getKey());
      converted.put("description", response.path("description").asString(""));
      JsonNode content = response.path("content");
      produces.addAll(content.propertyNames());
      JsonNode responseSchema = firstSchema(content);
      if (responseSchema != null) {
        converted.set("schema", schema(responseSchema));
      }
    }
    if (!produces.isEmpty()) {
      ArrayNode array = op.putArray("produces");
      produces.forEach(array::add);
    }
    op.set("responses", responses);
    return op;
  }

  private static @Nullable JsonNode firstSchema(JsonNode content) {
    for (JsonNode mediaType : content.values()) {
      JsonNode schema = mediaType.get("schema");
      if (schema != null) {
        return schema;
      }
    }
    return null;
  }

  /** Non-body parameters with their schema flattened; cookie parameters are dropped. */
  private static ArrayNode parameters(JsonNode v3) {
    ArrayNode converted = JsonNodeFactory.instance.arrayNode();
    for (JsonNode parameter : v3) {
      if ("cookie".equals(parameter.path("in").asString())) {
        continue;
      }
      ObjectNode p = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : parameter.properties()) {
        if (!e.getKey().equals("schema")
            && !e.getKey().equals("style")
            && !e.getKey().equals("explode")) {
          p.set(e.getKey(), e.getValue().deepCopy());
        }
      }
      JsonNode schema = parameter.get("schema");
      if (schema != null && schema.isObject()) {
        for (Map.Entry<String, JsonNode> e : schema(schema).properties()) {
          if (!e.getKey().equals("$ref") && !e.getKey().equals("description")) {
            p.set(e.getKey(), e.getValue());
          }
        }
      }
      if (!p.has("type")) {
        p.put("type", "string");
      }
      converted.add(p);
    }
    return converted;
  }
}
