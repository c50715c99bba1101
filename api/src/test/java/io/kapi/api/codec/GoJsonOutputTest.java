package io.kapi.api.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.meta.ObjectMeta;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class GoJsonOutputTest {
  private static final ApiCodec JSON = ApiCodec.json();

  private static String json(Object value) {
    return new String(JSON.encode(value), UTF_8);
  }

  @Test
  void htmlCharactersAndLineSeparatorsAreEscapedLikeGo() {
    assertThat(json(Map.of("s", "<a href=\"x\">&</a>\u2028\u2029")))
        .isEqualTo("{\"s\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u2029\"}\n");
  }

  @Test
  void controlCharactersUseShortEscapesOrLowercaseHex() {
    assertThat(json(Map.of("s", "\b\f\n\r\t\u0001\u001f\u007f")))
        .isEqualTo("{\"s\":\"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\"}\n");
  }

  @Test
  void nonAsciiTextAndSlashesAreWrittenRaw() {
    assertThat(json(Map.of("s", "café – 日本 /a/b"))).isEqualTo("{\"s\":\"café – 日本 /a/b\"}\n");
  }

  @Test
  void floatsAreWrittenInGoLayout() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("half", 0.5);
    node.put("whole", 3.0);
    node.put("big", 1e21);
    node.put("belowBig", 1e20);
    node.put("tiny", 1.5e-7);
    node.put("small", 0.000001);
    node.put("third", 1.0 / 3);
    node.put("negative", -2.5e-10);
    node.put("single", 0.1f);
    assertThat(json(node))
        .isEqualTo(
            "{\"half\":0.5,\"whole\":3,\"big\":1e+21,\"belowBig\":100000000000000000000,"
                + "\"tiny\":1.5e-7,\"small\":0.000001,\"third\":0.3333333333333333,"
                + "\"negative\":-2.5e-10,\"single\":0.1}\n");
  }

  @Test
  void decodedFloatsAndIntegersWriteBackAsUpstreamWroteThem() {
    String input = "{\"a\":1.5,\"b\":12345678901234567890,\"c\":-7,\"d\":1e-7,\"e\":2.5e+21}";
    JsonNode tree = JSON.decode(input.getBytes(UTF_8), JsonNode.class);
    assertThat(json(tree)).isEqualTo(input + "\n");
  }

  @Test
  void nanCannotBeEncoded() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("x", Double.NaN);
    assertThatThrownBy(() -> JSON.encode(node)).hasMessageContaining("unsupported value: NaN");
  }

  @Test
  void timesAreRfc3339SecondsInUtc() {
    ObjectMeta meta =
        ObjectMeta.builder().creationTimestamp(Instant.parse("2024-01-01T10:00:00.987654321Z")).build();
    assertThat(json(meta)).isEqualTo("{\"creationTimestamp\":\"2024-01-01T10:00:00Z\"}\n");

    ObjectMeta decoded =
        JSON.decode("{\"creationTimestamp\":\"2024-01-01T12:00:00.5+02:00\"}".getBytes(UTF_8), ObjectMeta.class);
    assertThat(decoded.creationTimestamp()).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
  }

  @Test
  void prettyOutputMatchesGoMarshalIndent() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.putObject("empty");
    node.putArray("none");
    node.putArray("list").add(1).addObject().put("k", "v");
    assertThat(new String(JSON.encodePretty(node), UTF_8))
        .isEqualTo(
            "{\n  \"empty\": {},\n  \"none\": [],\n  \"list\": [\n    1,\n    {\n      \"k\": \"v\"\n"
                + "    }\n  ]\n}");
  }

  @Test
  void encodeToWritesWithoutClosingTheStream() {
    CloseTracking out = new CloseTracking();
    JSON.encodeTo(Map.of("a", 1), out, false);
    JSON.encodeTo(Map.of("b", 2), out, true);
    assertThat(out.closed).isFalse();
    assertThat(out.bytes.toString(UTF_8)).isEqualTo("{\"a\":1}\n{\n  \"b\": 2\n}");
  }

  @Test
  void decodeFromStreamDoesNotCloseIt() {
    boolean[] closed = {false};
    FilterInputStream in =
        new FilterInputStream(new ByteArrayInputStream("{\"kind\":\"Status\"}".getBytes(UTF_8))) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    assertThat(JSON.decode(in, JsonNode.class).get("kind").stringValue()).isEqualTo("Status");
    assertThat(closed[0]).isFalse();
  }

  @Test
  void toTreeAndFromTreeUseTheWireRules() {
    ObjectMeta meta = ObjectMeta.builder().name("x").labels(Map.of("b", "2", "a", "1")).build();
    JsonNode tree = JSON.toTree(meta);
    assertThat(tree.toString()).isEqualTo("{\"name\":\"x\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}");
    assertThat(JSON.fromTree(tree, ObjectMeta.class)).isEqualTo(meta);
  }

  @Test
  void forMediaTypeIgnoresParametersAndCase() {
    assertThat(ApiCodec.forMediaType("application/json;as=Table;g=meta.k8s.io;v=v1")).contains(JSON);
    assertThat(ApiCodec.forMediaType("Application/YAML")).contains(ApiCodec.yaml());
    assertThat(ApiCodec.forMediaType("application/vnd.kubernetes.protobuf")).isEmpty();
  }

  @Test
  void yamlIsWrittenWithSortedKeysAndReadBack() {
    ObjectMeta meta =
        ObjectMeta.builder().name("web").namespace("default").labels(Map.of("app", "web"))
            .finalizers(List.of("a")).build();
    String yaml = new String(ApiCodec.yaml().encode(meta), UTF_8);
    assertThat(yaml).isEqualTo("finalizers:\n- a\nlabels:\n  app: web\nname: web\nnamespace: default\n");
    assertThat(ApiCodec.yaml().decode(yaml.getBytes(UTF_8), ObjectMeta.class)).isEqualTo(meta);
  }

  private static final class CloseTracking extends FilterOutputStream {
    final ByteArrayOutputStream bytes;
    boolean closed;

    CloseTracking() {
      this(new ByteArrayOutputStream());
    }

    private CloseTracking(ByteArrayOutputStream bytes) {
      super(bytes);
      this.bytes = bytes;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
