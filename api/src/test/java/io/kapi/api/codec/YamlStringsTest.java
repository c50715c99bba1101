package io.kapi.api.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class YamlStringsTest {
  @Test
  void numberAndBooleanLookingStringsStayStringsThroughYaml() {
    JsonNode original =
        ApiCodec.json()
            .decode(
                "{\"metadata\":{\"resourceVersion\":\"123\",\"labels\":{\"a\":\"true\",\"b\":\"1.5\",\"c\":\"null\"}},\"count\":7}"
                    .getBytes(UTF_8),
                JsonNode.class);
    byte[] yaml = ApiCodec.yaml().encode(original);
    assertThat(new String(yaml, UTF_8)).contains("resourceVersion: \"123\"").contains("count: 7");
    assertThat(ApiCodec.yaml().decode(yaml, JsonNode.class)).isEqualTo(original);
  }
}
