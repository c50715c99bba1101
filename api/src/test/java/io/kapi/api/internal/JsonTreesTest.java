package io.kapi.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonTreesTest {

  @Test
  void sortsKeysRecursivelyInGoOrder() {
    JsonNode tree =
        ApiCodec.json()
            .decode(
                "{\"b\":1,\"a\":{\"z\":[{\"y\":1,\"x\":2}],\"B\":0},\"\uFF41\":1,\"\uD83D\uDE00\":2}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                JsonNode.class);
    JsonTrees.sortKeysInPlace(tree);
    // code point order puts U+FF41 before U+1F600, unlike UTF-16 order
    assertThat(tree.toString())
        .isEqualTo("{\"a\":{\"B\":0,\"z\":[{\"x\":2,\"y\":1}]},\"b\":1,\"\uFF41\":1,\"\uD83D\uDE00\":2}");
  }
}
