package io.kapi.server.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kapi.api.errors.ApiException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON written with single quotes for readability, and the patch calls the tests share. */
final class Trees {
  static final Patcher PATCHER = Patcher.create(3L * 1024 * 1024);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Trees() {}

  /** Parses JSON written with {@code '} for {@code "}. */
  static JsonNode json(String singleQuoted) {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }

  static ObjectNode object(String singleQuoted) {
    return (ObjectNode) json(singleQuoted);
  }

  static byte[] body(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode apply(PatchType type, String original, String patch, PatchSchema schema) {
    return PATCHER.apply(type, object(original), body(patch), schema);
  }

  /** The {@link ApiException} {@code call} throws. */
  static ApiException apiError(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ApiException.class);
    return (ApiException) thrown;
  }

  /** Asserts upstream's generic 422 for a patch that does not apply; returns the hidden reason. */
  static String genericInvalidReason(ApiException e) {
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.status().reason()).isEqualTo("Invalid");
    assertThat(e.getMessage())
        .isEqualTo("the server rejected our request due to an error in our request");
    assertThat(e.status().details()).isNotNull();
    assertThat(e.status().details().causes()).isNull();
    assertThat(e.getCause()).isNotNull();
    return e.getCause().getMessage();
  }
}
