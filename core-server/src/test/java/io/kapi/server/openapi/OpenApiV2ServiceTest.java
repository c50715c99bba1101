package io.kapi.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.server.testing.LoopbackHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiV2ServiceTest {
  /** What kubectl 1.33 sends for {@code /openapi/v2}. */
  private static final String KUBECTL_V2_ACCEPT =
      "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

  private OpenApiV3Service v3;
  private OpenApiV2Service v2;
  private LoopbackHttp server;

  @BeforeEach
  void start() {
    v3 = OpenApiV3Service.create();
    v3.put(
        "api/v1",
        OpenApiDocumentBuilder.builder()
            .webService(UpstreamConfigMaps.webService())
            .schemas(UpstreamConfigMaps.schemas())
            .build());
    v2 = OpenApiV2Service.from(v3);
    PathRecorderMux mux = new PathRecorderMux("test");
    v2.install(mux);
    server = LoopbackHttp.serve(mux);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String text(JsonNode node) {
    return new String(CanonicalJson.encode(node), StandardCharsets.UTF_8);
  }

  @Test
  void schemasBecomeDefinitionsWithRewrittenReferences() {
    JsonNode swagger = v2.document();
    assertThat(swagger.get("swagger").asString()).isEqualTo("2.0");
    JsonNode definitions = swagger.get("definitions");
    assertThat(definitions.has(UpstreamConfigMaps.CONFIG_MAP)).isTrue();
    assertThat(text(swagger)).doesNotContain("#/components/schemas/");
    // allOf: [{$ref}] wrappers turn back into a $ref with siblings
    JsonNode metadata =
        definitions.get(UpstreamConfigMaps.CONFIG_MAP).get("properties").get("metadata");
    assertThat(metadata.get("$ref").asString())
        .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(metadata.has("allOf")).isFalse();
    assertThat(metadata.has("description")).isTrue();
    // every reference resolves among the definitions
    for (JsonNode ref : swagger.findValues("$ref")) {
      String name = ref.asString().substring("#/definitions/".length());
      assertThat(definitions.has(name)).as(name).isTrue();
    }
    assertThat(swagger.get("securityDefinitions").get("BearerToken").get("type").asString())
        .isEqualTo("apiKey");
  }

  @Test
  void operationsTakeSwagger2Form() {
    JsonNode item =
        v2.document().get("paths").get("/api/v1/namespaces/{namespace}/configmaps/{name}");
    JsonNode patch = item.get("patch");
    assertThat(patch.get("operationId").asString()).isEqualTo("patchCoreV1NamespacedConfigMap");
    assertThat(patch.findValuesAsString("name").get(0)).isEqualTo("body");
    JsonNode body = patch.get("parameters").get(0);
    assertThat(text(body))
        .isEqualTo(
            "{\"in\":\"body\",\"name\":\"body\",\"required\":true,\"schema\":{\"$ref\":"
                + "\"#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch\"}}");
    assertThat(patch.get("consumes").valueStream().map(JsonNode::asString).toList())
        .containsExactlyInAnyOrder(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json",
            "application/apply-patch+yaml");
    assertThat(patch.get("produces").valueStream().map(JsonNode::asString).toList())
        .contains("application/json", "application/yaml");
    assertThat(text(patch.get("responses").get("200")))
        .isEqualTo(
            "{\"description\":\"OK\",\"schema\":{\"$ref\":\"#/definitions/io.k8s.api.core.v1.ConfigMap\"}}");
    assertThat(patch.get("x-kubernetes-action").asString()).isEqualTo("patch");
    assertThat(patch.has("requestBody")).isFalse();
    // parameter schemas are flattened into the parameter
    JsonNode force = null;
    for (JsonNode p : patch.get("parameters")) {
      if (p.get("name").asString().equals("force")) {
        force = p;
      }
    }
    assertThat(text(force))
        .contains("\"in\":\"query\"", "\"type\":\"boolean\"", "\"uniqueItems\":true")
        .doesNotContain("schema");
    assertThat(item.get("parameters").findValuesAsString("name"))
        .containsExactly("name", "namespace", "pretty");
  }

  @Test
  void kubectlsProtobufRequestGetsTheGnosticDocument() throws Exception {
    HttpResponse<byte[]> response = server.getBytes("/openapi/v2", "Accept", KUBECTL_V2_ACCEPT);
    HttpResponse<byte[]> dotted =
        server.getBytes(
            "/openapi/v2", "Accept", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"" + CanonicalJson.sha512Hex(response.body()) + "\"");
    assertThat(dotted.body()).isEqualTo(response.body());
    assertThat(server.getBytes("/openapi/v2", "Accept", KUBECTL_V2_ACCEPT, "If-None-Match", etag)
            .statusCode())
        .isEqualTo(304);

    // openapi.v2.Document: swagger = 1, info = 2 (title = 1), definitions = 9 of NamedSchema
    Map<Integer, List<Object>> document = Proto.fields(response.body());
    assertThat(Proto.string(document, 1)).isEqualTo("2.0");
    assertThat(Proto.string(Proto.message(document, 2), 1)).isEqualTo("Kubernetes");
    Map<String, Map<Integer, List<Object>>> definitions =
        Proto.named(Proto.message(document, 9), 1);
    JsonNode json = v2.document();
    assertThat(definitions.keySet())
        .containsExactlyElementsOf(() -> json.get("definitions").propertyNames().iterator());
    // Schema: type = 22 (TypeItem value = 1), properties = 25, vendor_extension = 31 (NamedAny
    // whose Any carries YAML in field 2)
    Map<Integer, List<Object>> configMap = definitions.get("io.k8s.api.core.v1.ConfigMap");
    assertThat(Proto.string(Proto.message(configMap, 22), 1)).isEqualTo("object");
    assertThat(Proto.named(Proto.message(configMap, 25), 1).keySet())
        .contains("apiVersion", "data", "kind", "metadata");
    Map<String, Map<Integer, List<Object>>> extensions = Proto.named(configMap, 31);
    String gvk = Proto.string(extensions.get("x-kubernetes-group-version-kind"), 2);
    assertThat(ApiCodec.json().decode(gvk.getBytes(StandardCharsets.UTF_8), JsonNode.class))
        .isEqualTo(json.at("/definitions/io.k8s.api.core.v1.ConfigMap/x-kubernetes-group-version-kind"));
  }

  @Test
  void otherMediaTypesAre406() throws Exception {
    HttpResponse<byte[]> response = server.getBytes("/openapi/v2", "Accept", "text/html");
    assertThat(response.statusCode()).isEqualTo(406);
    JsonNode status = ApiCodec.json().decode(response.body(), JsonNode.class);
    assertThat(status.get("kind").asString()).isEqualTo("Status");
    assertThat(status.get("message").asString()).contains("application/json");
  }

  /** Just enough of the protobuf wire format to read the document back. */
  private static final class Proto {
    static Map<Integer, List<Object>> fields(byte[] bytes) {
      Map<Integer, List<Object>> fields = new LinkedHashMap<>();
      int[] at = {0};
      while (at[0] < bytes.length) {
        long tag = varint(bytes, at);
        int field = (int) (tag >>> 3);
        Object value =
            switch ((int) (tag & 7)) {
              case 0 -> varint(bytes, at);
              case 1 -> {
                at[0] += 8;
                yield null;
              }
              case 2 -> {
                int length = (int) varint(bytes, at);
                byte[] content = Arrays.copyOfRange(bytes, at[0], at[0] + length);
                at[0] += length;
                yield content;
              }
              default -> throw new AssertionError("wire type " + (tag & 7));
            };
        fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
      }
      return fields;
    }

    static String string(Map<Integer, List<Object>> message, int field) {
      return new String((byte[]) message.get(field).get(0), StandardCharsets.UTF_8);
    }

    static Map<Integer, List<Object>> message(Map<Integer, List<Object>> message, int field) {
      return fields((byte[]) message.get(field).get(0));
    }

    /** The repeated (name = 1, value = 2) messages of {@code field}, by name. */
    static Map<String, Map<Integer, List<Object>>> named(
        Map<Integer, List<Object>> message, int field) {
      Map<String, Map<Integer, List<Object>>> named = new LinkedHashMap<>();
      for (Object entry : message.getOrDefault(field, List.of())) {
        Map<Integer, List<Object>> pair = fields((byte[]) entry);
        named.put(string(pair, 1), message(pair, 2));
      }
      return named;
    }

    private static long varint(byte[] bytes, int[] at) {
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = bytes[at[0]++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
    }
  }

  @Test
  void jsonIsServedWithEtagAnd304() throws Exception {
    HttpResponse<byte[]> response = server.getBytes("/openapi/v2", "Accept", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Vary")).hasValue("Accept");
    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isEqualTo("\"" + CanonicalJson.sha512Hex(response.body()) + "\"");
    assertThat(ApiCodec.json().decode(response.body(), JsonNode.class).get("swagger").asString())
        .isEqualTo("2.0");
    assertThat(server.getBytes("/openapi/v2", "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(server.getBytes("/openapi/v2").statusCode()).isEqualTo(200);
  }

  @Test
  void followsChangesOfTheV3Documents() throws Exception {
    String before = server.getBytes("/openapi/v2").headers().firstValue("ETag").orElseThrow();
    assertThat(v2.document().get("paths").has("/api/v1/configmaps")).isTrue();
    v3.remove("api/v1");
    HttpResponse<byte[]> after = server.getBytes("/openapi/v2", "If-None-Match", before);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(ApiCodec.json().decode(after.body(), JsonNode.class).get("paths").isEmpty())
        .isTrue();
  }
}
