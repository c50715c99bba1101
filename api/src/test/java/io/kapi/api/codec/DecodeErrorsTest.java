package io.kapi.api.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kapi.api.meta.ObjectMeta;
import io.kapi.api.meta.PartialObjectMetadata;
import io.kapi.api.unstructured.Unstructured;
import org.junit.jupiter.api.Test;

class DecodeErrorsTest {

  private static DecodeException decodeFailure(ApiCodec codec, String input, Class<?> type) {
    return catchThrowableOfType(
        DecodeException.class, () -> codec.decode(input.getBytes(UTF_8), type));
  }

  @Test
  void typeMismatchNamesTheFieldAndThePosition() {
    DecodeException e =
        decodeFailure(
            ApiCodec.json(),
            "{\"kind\":\"PartialObjectMetadata\",\n \"metadata\":{\"labels\":[\"a\"]}}",
            PartialObjectMetadata.class);
    assertThat(e.getMessage())
        .isEqualTo(
            "json: cannot unmarshal array into field \"metadata.labels\" of type object (line 2, column 23)");
    assertThat(e.field()).isEqualTo("metadata.labels");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(23);
  }

  @Test
  void syntaxErrorsCarryLineAndColumn() {
    DecodeException e = decodeFailure(ApiCodec.json(), "{\"name\":\"x\",\n}", ObjectMeta.class);
    assertThat(e.getMessage()).startsWith("json: ").endsWith("(line 2, column 1)");
    assertThat(e.getMessage()).contains("was expecting double-quote to start property name");
    assertThat(e.field()).isNull();
  }

  @Test
  void trailingGarbageIsRejected() {
    DecodeException e = decodeFailure(ApiCodec.json(), "{\"name\":\"x\"} {}", ObjectMeta.class);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isGreaterThan(12);
  }

  @Test
  void badTimestampNamesTheField() {
    DecodeException e =
        decodeFailure(ApiCodec.json(), "{\"creationTimestamp\":\"yesterday\"}", ObjectMeta.class);
    assertThat(e.getMessage()).contains("field \"creationTimestamp\"").contains("\"yesterday\"");
  }

  @Test
  void unstructuredRequiresAnObject() {
    DecodeException e = decodeFailure(ApiCodec.json(), "[1,2]", Unstructured.class);
    assertThat(e.getMessage()).startsWith("json: cannot unmarshal array into object");
  }

  @Test
  void yamlErrorsNameTheFormat() {
    DecodeException e = decodeFailure(ApiCodec.yaml(), "name: [unclosed\n", ObjectMeta.class);
    assertThat(e.getMessage()).startsWith("yaml: ");
    assertThat(e.line()).isPositive();
  }
}
