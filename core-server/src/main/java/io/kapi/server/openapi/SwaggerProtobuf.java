package io.kapi.server.openapi;

import io.kapi.api.codec.ApiCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Encodes a Swagger 2.0 JSON document as the {@code openapi.v2.Document} protocol buffer that
 * upstream serves as {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf} (gnostic's
 * OpenAPIv2 messages) and that kubectl downloads for client-side validation, e.g. of {@code kind:
 * List} files. JSON maps become repeated (name, value) messages in document order, {@code x-}
 * keys become vendor extensions, and free-form values ({@code default}, {@code example}, {@code
 * enum}, extensions) are carried as YAML text, written in JSON's flow syntax (which YAML reads).
 */
final class SwaggerProtobuf {
  private SwaggerProtobuf() {}

  static byte[] encode(JsonNode document) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, document, "swagger");
    if (document.has("info")) {
      out.message(2, info(document.get("info")));
    }
    string(out, 3, document, "host");
    string(out, 4, document, "basePath");
    strings(out, 5, document, "schemes");
    strings(out, 6, document, "consumes");
    strings(out, 7, document, "produces");
    if (document.has("paths")) {
      out.message(8, paths(document.get("paths")));
    }
    if (document.has("definitions")) {
      out.message(9, namedMap(document.get("definitions"), SwaggerProtobuf::schema));
    }
    if (document.has("parameters")) {
      out.message(10, namedMap(document.get("parameters"), SwaggerProtobuf::parameter));
    }
    if (document.has("responses")) {
      out.message(11, namedMap(document.get("responses"), SwaggerProtobuf::response));
    }
    for (JsonNode requirement : document.path("security")) {
      out.message(12, securityRequirement(requirement));
    }
    if (document.has("securityDefinitions")) {
      out.message(
          13, namedMap(document.get("securityDefinitions"), SwaggerProtobuf::securityDefinition));
    }
    for (JsonNode tag : document.path("tags")) {
      out.message(14, tag(tag));
    }
    externalDocs(out, 15, document);
    vendorExtensions(out, 16, document);
    return out.toByteArray();
  }

  // ---- document parts ---------------------------------------------------------------------------

  private static ProtoOutput info(JsonNode info) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, info, "title");
    string(out, 2, info, "version");
    string(out, 3, info, "description");
    string(out, 4, info, "termsOfService");
    if (info.has("contact")) {
      JsonNode contact = info.get("contact");
      ProtoOutput c = new ProtoOutput();
      string(c, 1, contact, "name");
      string(c, 2, contact, "url");
      string(c, 3, contact, "email");
      vendorExtensions(c, 4, contact);
      out.message(5, c);
    }
    if (info.has("license")) {
      JsonNode license = info.get("license");
      ProtoOutput l = new ProtoOutput();
      string(l, 1, license, "name");
      string(l, 2, license, "url");
      vendorExtensions(l, 3, license);
      out.message(6, l);
    }
    vendorExtensions(out, 7, info);
    return out;
  }

  private static ProtoOutput paths(JsonNode paths) {
    ProtoOutput out = new ProtoOutput();
    vendorExtensions(out, 1, paths);
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      if (!path.getKey().startsWith("x-")) {
        out.message(2, named(path.getKey(), pathItem(path.getValue())));
      }
    }
    return out;
  }

  private static ProtoOutput pathItem(JsonNode item) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, item, "$ref");
    String[] methods = {"get", "put", "post", "delete", "options", "head", "patch"};
    for (int i = 0; i < methods.length; i++) {
      if (item.has(methods[i])) {
        out.message(2 + i, operation(item.get(methods[i])));
      }
    }
    for (JsonNode parameter : item.path("parameters")) {
      out.message(9, parametersItem(parameter));
    }
    vendorExtensions(out, 10, item);
    return out;
  }

  private static ProtoOutput operation(JsonNode operation) {
    ProtoOutput out = new ProtoOutput();
    strings(out, 1, operation, "tags");
    string(out, 2, operation, "summary");
    string(out, 3, operation, "description");
    externalDocs(out, 4, operation);
    string(out, 5, operation, "operationId");
    strings(out, 6, operation, "produces");
    strings(out, 7, operation, "consumes");
    for (JsonNode parameter : operation.path("parameters")) {
      out.message(8, parametersItem(parameter));
    }
    if (operation.has("responses")) {
      out.message(9, responses(operation.get("responses")));
    }
    strings(out, 10, operation, "schemes");
    bool(out, 11, operation, "deprecated");
    for (JsonNode requirement : operation.path("security")) {
      out.message(12, securityRequirement(requirement));
    }
    vendorExtensions(out, 13, operation);
    return out;
  }

  /** {@code ParametersItem}: a parameter or a {@code $ref} to one. */
  private static ProtoOutput parametersItem(JsonNode parameter) {
    ProtoOutput out = new ProtoOutput();
    if (parameter.has("$ref")) {
      out.message(2, jsonReference(parameter));
    } else {
      out.message(1, parameter(parameter));
    }
    return out;
  }

  private static ProtoOutput jsonReference(JsonNode reference) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, reference, "$ref");
    string(out, 2, reference, "description");
    return out;
  }

  /** {@code Parameter}: a body parameter, or a header, formData, query or path parameter. */
  private static ProtoOutput parameter(JsonNode parameter) {
    ProtoOutput out = new ProtoOutput();
    String in = parameter.path("in").asString("");
    if (in.equals("body")) {
      ProtoOutput body = new ProtoOutput();
      string(body, 1, parameter, "description");
      string(body, 2, parameter, "name");
      string(body, 3, parameter, "in");
      bool(body, 4, parameter, "required");
      if (parameter.has("schema")) {
        body.message(5, schema(parameter.get("schema")));
      }
      vendorExtensions(body, 6, parameter);
      return out.message(1, body);
    }
    ProtoOutput subSchema = new ProtoOutput();
    bool(subSchema, 1, parameter, "required");
    string(subSchema, 2, parameter, "in");
    string(subSchema, 3, parameter, "description");
    string(subSchema, 4, parameter, "name");
    boolean allowsEmptyValue = in.equals("query") || in.equals("formData");
    int first = 5;
    if (allowsEmptyValue) {
      bool(subSchema, 5, parameter, "allowEmptyValue");
      first = 6;
    }
    primitiveFields(subSchema, first, parameter);
    vendorExtensions(subSchema, first + PRIMITIVE_FIELDS, parameter);
    int choice =
        switch (in) {
          case "header" -> 1;
          case "formData" -> 2;
          case "query" -> 3;
          default -> 4; // path
        };
    ProtoOutput nonBody = new ProtoOutput().message(choice, subSchema);
    return out.message(2, nonBody);
  }

  private static final int PRIMITIVE_FIELDS = 17;

  /**
   * The 17 fields that {@code PrimitivesItems}, {@code Header} and the non-body parameter messages
   * share, in order, numbered from {@code first}: type, format, items, collectionFormat, default,
   * maximum, exclusiveMaximum, minimum, exclusiveMinimum, maxLength, minLength, pattern, maxItems,
   * minItems, uniqueItems, enum, multipleOf.
   */
  private static void primitiveFields(ProtoOutput out, int first, JsonNode node) {
    string(out, first, node, "type");
    string(out, first + 1, node, "format");
    if (node.has("items")) {
      out.message(first + 2, primitivesItems(node.get("items")));
    }
    string(out, first + 3, node, "collectionFormat");
    any(out, first + 4, node, "default");
    dbl(out, first + 5, node, "maximum");
    bool(out, first + 6, node, "exclusiveMaximum");
    dbl(out, first + 7, node, "minimum");
    bool(out, first + 8, node, "exclusiveMinimum");
    int64(out, first + 9, node, "maxLength");
    int64(out, first + 10, node, "minLength");
    string(out, first + 11, node, "pattern");
    int64(out, first + 12, node, "maxItems");
    int64(out, first + 13, node, "minItems");
    bool(out, first + 14, node, "uniqueItems");
    for (JsonNode value : node.path("enum")) {
      out.message(first + 15, yaml(value));
    }
    dbl(out, first + 16, node, "multipleOf");
  }

  private static ProtoOutput primitivesItems(JsonNode items) {
    ProtoOutput out = new ProtoOutput();
    primitiveFields(out, 1, items);
    vendorExtensions(out, 18, items);
    return out;
  }

  private static ProtoOutput header(JsonNode header) {
    ProtoOutput out = new ProtoOutput();
    primitiveFields(out, 1, header);
    string(out, 18, header, "description");
    vendorExtensions(out, 19, header);
    return out;
  }

  private static ProtoOutput responses(JsonNode responses) {
    ProtoOutput out = new ProtoOutput();
    for (Map.Entry<String, JsonNode> code : responses.properties()) {
      if (!code.getKey().startsWith("x-")) {
        ProtoOutput value = new ProtoOutput();
        if (code.getValue().has("$ref")) {
          value.message(2, jsonReference(code.getValue()));
        } else {
          value.message(1, response(code.getValue()));
        }
        out.message(1, named(code.getKey(), value));
      }
    }
    vendorExtensions(out, 2, responses);
    return out;
  }

  private static ProtoOutput response(JsonNode response) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, response, "description");
    if (response.has("schema")) {
      JsonNode schema = response.get("schema");
      ProtoOutput item = new ProtoOutput();
      if (schema.path("type").asString("").equals("file")) {
        item.message(2, fileSchema(schema));
      } else {
        item.message(1, schema(schema));
      }
      out.message(2, item);
    }
    if (response.has("headers")) {
      out.message(3, namedMap(response.get("headers"), SwaggerProtobuf::header));
    }
    if (response.has("examples")) {
      out.message(4, namedMap(response.get("examples"), SwaggerProtobuf::yaml));
    }
    vendorExtensions(out, 5, response);
    return out;
  }

  private static ProtoOutput fileSchema(JsonNode schema) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, schema, "format");
    string(out, 2, schema, "title");
    string(out, 3, schema, "description");
    any(out, 4, schema, "default");
    strings(out, 5, schema, "required");
    string(out, 6, schema, "type");
    bool(out, 7, schema, "readOnly");
    externalDocs(out, 8, schema);
    any(out, 9, schema, "example");
    vendorExtensions(out, 10, schema);
    return out;
  }

  static ProtoOutput schema(JsonNode schema) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, schema, "$ref");
    string(out, 2, schema, "format");
    string(out, 3, schema, "title");
    string(out, 4, schema, "description");
    any(out, 5, schema, "default");
    dbl(out, 6, schema, "multipleOf");
    dbl(out, 7, schema, "maximum");
    bool(out, 8, schema, "exclusiveMaximum");
    dbl(out, 9, schema, "minimum");
    bool(out, 10, schema, "exclusiveMinimum");
    int64(out, 11, schema, "maxLength");
    int64(out, 12, schema, "minLength");
    string(out, 13, schema, "pattern");
    int64(out, 14, schema, "maxItems");
    int64(out, 15, schema, "minItems");
    bool(out, 16, schema, "uniqueItems");
    int64(out, 17, schema, "maxProperties");
    int64(out, 18, schema, "minProperties");
    strings(out, 19, schema, "required");
    for (JsonNode value : schema.path("enum")) {
      out.message(20, yaml(value));
    }
    if (schema.has("additionalProperties")) {
      JsonNode additional = schema.get("additionalProperties");
      ProtoOutput item = new ProtoOutput();
      if (additional.isBoolean()) {
        item.boolAlways(2, additional.asBoolean());
      } else {
        item.message(1, schema(additional));
      }
      out.message(21, item);
    }
    if (schema.has("type")) {
      ProtoOutput type = new ProtoOutput();
      JsonNode types = schema.get("type");
      if (types.isArray()) {
        for (JsonNode t : types) {
          type.repeatedString(1, t.asString());
        }
      } else {
        type.repeatedString(1, types.asString());
      }
      out.message(22, type);
    }
    if (schema.has("items")) {
      ProtoOutput items = new ProtoOutput();
      JsonNode value = schema.get("items");
      if (value.isArray()) {
        for (JsonNode item : value) {
          items.message(1, schema(item));
        }
      } else {
        items.message(1, schema(value));
      }
      out.message(23, items);
    }
    for (JsonNode part : schema.path("allOf")) {
      out.message(24, schema(part));
    }
    if (schema.has("properties")) {
      out.message(25, namedMap(schema.get("properties"), SwaggerProtobuf::schema));
    }
    string(out, 26, schema, "discriminator");
    bool(out, 27, schema, "readOnly");
    if (schema.has("xml")) {
      JsonNode xml = schema.get("xml");
      ProtoOutput x = new ProtoOutput();
      string(x, 1, xml, "name");
      string(x, 2, xml, "namespace");
      string(x, 3, xml, "prefix");
      bool(x, 4, xml, "attribute");
      bool(x, 5, xml, "wrapped");
      vendorExtensions(x, 6, xml);
      out.message(28, x);
    }
    externalDocs(out, 29, schema);
    any(out, 30, schema, "example");
    vendorExtensions(out, 31, schema);
    return out;
  }

  private static ProtoOutput securityRequirement(JsonNode requirement) {
    ProtoOutput out = new ProtoOutput();
    for (Map.Entry<String, JsonNode> entry : requirement.properties()) {
      ProtoOutput scopes = new ProtoOutput();
      for (JsonNode scope : entry.getValue()) {
        scopes.repeatedString(1, scope.asString());
      }
      out.message(1, named(entry.getKey(), scopes));
    }
    return out;
  }

  /** {@code SecurityDefinitionsItem}: the scheme's message chosen by its type (and flow). */
  private static ProtoOutput securityDefinition(JsonNode scheme) {
    ProtoOutput item = new ProtoOutput();
    ProtoOutput out = new ProtoOutput();
    string(out, 1, scheme, "type");
    switch (scheme.path("type").asString("")) {
      case "basic" -> {
        string(out, 2, scheme, "description");
        vendorExtensions(out, 3, scheme);
        return item.message(1, out);
      }
      case "apiKey" -> {
        string(out, 2, scheme, "name");
        string(out, 3, scheme, "in");
        string(out, 4, scheme, "description");
        vendorExtensions(out, 5, scheme);
        return item.message(2, out);
      }
      default -> {
        // oauth2: the four flows differ in which URLs they carry
        String flow = scheme.path("flow").asString("");
        string(out, 2, scheme, "flow");
        if (scheme.has("scopes")) {
          ProtoOutput scopes = new ProtoOutput();
          for (Map.Entry<String, JsonNode> scope : scheme.get("scopes").properties()) {
            ProtoOutput namedString =
                new ProtoOutput()
                    .repeatedString(1, scope.getKey())
                    .repeatedString(2, scope.getValue().asString());
            scopes.message(1, namedString);
          }
          out.message(3, scopes);
        }
        int next = 4;
        if (flow.equals("implicit") || flow.equals("accessCode")) {
          string(out, next++, scheme, "authorizationUrl");
        }
        if (!flow.equals("implicit")) {
          string(out, next++, scheme, "tokenUrl");
        }
        string(out, next++, scheme, "description");
        vendorExtensions(out, next, scheme);
        int choice =
            switch (flow) {
              case "implicit" -> 3;
              case "password" -> 4;
              case "application" -> 5;
              default -> 6; // accessCode
            };
        return item.message(choice, out);
      }
    }
  }

  private static ProtoOutput tag(JsonNode tag) {
    ProtoOutput out = new ProtoOutput();
    string(out, 1, tag, "name");
    string(out, 2, tag, "description");
    externalDocs(out, 3, tag);
    vendorExtensions(out, 4, tag);
    return out;
  }

  // ---- shared shapes ----------------------------------------------------------------------------

  /** Encodes one value of a JSON map. */
  private interface ValueEncoder {
    ProtoOutput encode(JsonNode value);
  }

  /** A message whose field 1 repeats (name, value) pairs, in the map's order. */
  private static ProtoOutput namedMap(JsonNode map, ValueEncoder values) {
    ProtoOutput out = new ProtoOutput();
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      out.message(1, named(entry.getKey(), values.encode(entry.getValue())));
    }
    return out;
  }

  private static ProtoOutput named(String name, ProtoOutput value) {
    return new ProtoOutput().repeatedString(1, name).message(2, value);
  }

  private static void vendorExtensions(ProtoOutput out, int field, JsonNode node) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().startsWith("x-")) {
        out.message(field, named(entry.getKey(), yaml(entry.getValue())));
      }
    }
  }

  private static void externalDocs(ProtoOutput out, int field, JsonNode node) {
    if (node.has("externalDocs")) {
      JsonNode docs = node.get("externalDocs");
      ProtoOutput d = new ProtoOutput();
      string(d, 1, docs, "description");
      string(d, 2, docs, "url");
      vendorExtensions(d, 3, docs);
      out.message(field, d);
    }
  }

  /** An {@code Any} holding the value as YAML text (JSON flow syntax). */
  private static ProtoOutput yaml(JsonNode value) {
    byte[] json = ApiCodec.json().encode(value);
    return new ProtoOutput().string(2, new String(json, StandardCharsets.UTF_8));
  }

  private static void any(ProtoOutput out, int field, JsonNode node, String key) {
    if (node.has(key)) {
      out.message(field, yaml(node.get(key)));
    }
  }

  private static void string(ProtoOutput out, int field, JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value != null && value.isString()) {
      out.string(field, value.asString());
    }
  }

  private static void strings(ProtoOutput out, int field, JsonNode node, String key) {
    for (JsonNode value : node.path(key)) {
      out.repeatedString(field, value.asString());
    }
  }

  private static void bool(ProtoOutput out, int field, JsonNode node, String key) {
    out.bool(field, node.path(key).asBoolean(false));
  }

  private static void int64(ProtoOutput out, int field, JsonNode node, String key) {
    if (node.has(key)) {
      out.int64(field, node.get(key).asLong());
    }
  }

  private static void dbl(ProtoOutput out, int field, JsonNode node, String key) {
    if (node.has(key)) {
      out.dbl(field, node.get(key).asDouble());
    }
  }
}
