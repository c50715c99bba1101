package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.core.v1.CoreV1;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Protobuf request bodies through the installed routes, as kubectl's typed clients send them. */
class ProtobufBodiesTest {
  private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

  private TestApi api;

  @BeforeEach
  void start() {
    api = TestApi.start(b -> b, CoreV1.apiGroupInfo());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void protobufConfigMapIsCreatedAndAnsweredInJson() throws Exception {
    HttpResponse<String> response = send("POST", CONFIGMAPS, configMap("ConfigMap", "settings", "a", "b"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode created = json(response);
    assertThat(created.path("kind").asString()).isEqualTo("ConfigMap");
    assertThat(created.path("apiVersion").asString()).isEqualTo("v1");
    assertThat(created.path("metadata").path("name").asString()).isEqualTo("settings");
    assertThat(created.path("metadata").path("uid").asString()).isNotEmpty();
    assertThat(created.path("data").path("a").asString()).isEqualTo("b");
    assertThat(created.path("immutable").isBoolean()).isTrue();
    assertThat(json(api.get(CONFIGMAPS + "/settings")).path("data").path("a").asString())
        .isEqualTo("b");
  }

  @Test
  void bodyCapturedFromKubectlIsCreated() throws Exception {
    byte[] body;
    try (var in = getClass().getResourceAsStream("/io/kapi/server/protobuf/kubectl-create-configmap.bin")) {
      body = in.readAllBytes();
    }

    HttpResponse<String> response =
        send("POST", CONFIGMAPS + "?fieldManager=kubectl-create&fieldValidation=Strict", body);

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode created = json(response);
    assertThat(created.path("metadata").path("name").asString()).isEqualTo("cap-cm");
    assertThat(created.path("data").path("greeting").asString()).isEqualTo("hello");
    assertThat(created.path("data").path("empty").isString()).isTrue();
  }

  @Test
  void protobufUpdateReplacesTheObject() throws Exception {
    send("POST", CONFIGMAPS, configMap("ConfigMap", "settings", "a", "b"));

    HttpResponse<String> response =
        send("PUT", CONFIGMAPS + "/settings", configMap("ConfigMap", "settings", "a", "changed"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("data").path("a").asString()).isEqualTo("changed");
  }

  @Test
  void protobufDeleteOptionsAreHonoured() throws Exception {
    send("POST", CONFIGMAPS, configMap("ConfigMap", "settings", "a", "b"));
    byte[] options =
        envelope("v1", "DeleteOptions", message(o -> o.bytes(2, message(p -> p.string(1, "not-the-uid")))));

    HttpResponse<String> refused = send("DELETE", CONFIGMAPS + "/settings", options);
    HttpResponse<String> deleted =
        send("DELETE", CONFIGMAPS + "/settings", envelope("v1", "DeleteOptions", new byte[0]));

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).path("message").asString()).contains("not-the-uid");
    assertThat(deleted.statusCode()).isEqualTo(200);
  }

  @Test
  void bodyWithoutMagicIs400() throws Exception {
    byte[] body = "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = send("POST", CONFIGMAPS, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("reason").asString()).isEqualTo("BadRequest");
    assertThat(json(response).path("message").asString())
        .isEqualTo(
            "the object provided is unrecognized (must be of type ConfigMap): provided data does not"
                + " appear to be a protobuf message, expected prefix [107 56 115 0]"
                + " ({\"kind\":\"ConfigMap\"})");
  }

  @Test
  void malformedObjectIs400NamingTheKind() throws Exception {
    byte[] body = envelope("v1", "ConfigMap", message(cm -> cm.bytes(1, message(m -> m.varint(1, 3)))));

    HttpResponse<String> response = send("POST", CONFIGMAPS, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("message").asString())
        .isEqualTo(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: proto: wrong wireType = 0"
                + " for field Name");
  }

  @Test
  void truncatedBodyIs400() throws Exception {
    byte[] body = configMap("ConfigMap", "settings", "a", "b");
    byte[] truncated = java.util.Arrays.copyOf(body, body.length - 3);

    HttpResponse<String> response = send("POST", CONFIGMAPS, truncated);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("message").asString())
        .startsWith(
            "the object provided is unrecognized (must be of type ConfigMap): unexpected EOF"
                + " (6b3873000a0f0a0276311209436f6e6669674d6170");
  }

  @Test
  void otherKindInTheEnvelopeIs400() throws Exception {
    byte[] meta = message(m -> m.string(1, "settings"));
    byte[] secret = envelope("v1", "Secret", message(s -> s.bytes(1, meta).string(3, "Opaque")));

    HttpResponse<String> response = send("POST", CONFIGMAPS, secret);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("message").asString())
        .isEqualTo(
            "Secret in version \"v1\" cannot be handled as a ConfigMap: the body holds a Secret, not"
                + " a ConfigMap");
  }

  @Test
  void unregisteredKindInTheEnvelopeIs400() throws Exception {
    HttpResponse<String> response = send("POST", CONFIGMAPS, configMap("Gizmo", "settings", "a", "b"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("message").asString())
        .isEqualTo(
            "Gizmo in version \"v1\" cannot be handled as a ConfigMap: no kind \"Gizmo\" is"
                + " registered for version \"v1\"");
  }

  @Test
  void kindsWithoutProtobufAnswer415LikeCustomResources() throws Exception {
    try (TestApi widgets = TestApi.start()) {
      HttpRequest request =
          HttpRequest.newBuilder(widgets.uri("/apis/example.com/v1/namespaces/default/widgets"))
              .timeout(Duration.ofSeconds(20))
              .header("Content-Type", PROTOBUF)
              .POST(HttpRequest.BodyPublishers.ofByteArray(configMap("Widget", "w", "a", "b")))
              .build();

      HttpResponse<String> response = widgets.client().send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(415);
      assertThat(json(response).path("reason").asString()).isEqualTo("UnsupportedMediaType");
      assertThat(json(response).path("message").asString()).doesNotContain("protobuf");
    }
  }

  private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(api.uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", PROTOBUF)
            .header("Accept", PROTOBUF + ",application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return api.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A ConfigMap-shaped object (metadata.name, one data entry) in an envelope of {@code kind}. */
  private static byte[] configMap(String kind, String name, String key, String value) {
    byte[] meta = message(m -> m.string(1, name).string(3, "").bytes(8, new byte[0]));
    byte[] entry = message(e -> e.string(1, key).string(2, value));
    return envelope("v1", kind, message(cm -> cm.bytes(1, meta).bytes(2, entry).varint(4, 0)));
  }

  // A few lines of protobuf encoding; the decoder's own tests have the fuller encoder.

  private interface Fields {
    void write(Writer w);
  }

  private static byte[] message(Fields fields) {
    Writer w = new Writer();
    fields.write(w);
    return w.out.toByteArray();
  }

  private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
    byte[] typeMeta = message(t -> t.string(1, apiVersion).string(2, kind));
    byte[] unknown = message(u -> u.bytes(1, typeMeta).bytes(2, raw));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(unknown);
    return out.toByteArray();
  }

  private static final class Writer {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void varintRaw(long value) {
      while ((value & ~0x7fL) != 0) {
        out.write((int) ((value & 0x7f) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }

    Writer varint(int number, long value) {
      varintRaw((long) number << 3);
      varintRaw(value);
      return this;
    }

    Writer bytes(int number, byte[] value) {
      varintRaw(((long) number << 3) | 2);
      varintRaw(value.length);
      out.writeBytes(value);
      return this;
    }

    Writer string(int number, String value) {
      return bytes(number, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
