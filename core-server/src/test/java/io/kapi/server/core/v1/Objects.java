package io.kapi.server.core.v1;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test objects written as JSON with single quotes. */
final class Objects {
  private Objects() {}

  static Unstructured json(String singleQuoted) {
    return Unstructured.decode(
        ApiCodec.json(), singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code field: body} texts of the errors, as upstream prints them. */
  static List<String> texts(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }
}
