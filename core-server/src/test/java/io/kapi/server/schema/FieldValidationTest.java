package io.kapi.server.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kapi.api.errors.ApiException;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldValidationTest {
  private static final GroupVersionKind FOO = GroupVersionKind.of("example.com", "v1", "Foo");

  @Test
  void absentOrEmptyMeansWarn() {
    assertThat(FieldValidation.parse(null, "CreateOptions")).isEqualTo(FieldValidation.WARN);
    assertThat(FieldValidation.parse("", "CreateOptions")).isEqualTo(FieldValidation.WARN);
  }

  @Test
  void parsesTheThreeValuesCaseSensitively() {
    assertThat(FieldValidation.parse("Ignore", "PatchOptions")).isEqualTo(FieldValidation.IGNORE);
    assertThat(FieldValidation.parse("Warn", "PatchOptions")).isEqualTo(FieldValidation.WARN);
    assertThat(FieldValidation.parse("Strict", "PatchOptions")).isEqualTo(FieldValidation.STRICT);
    assertThat(FieldValidation.STRICT.value()).isEqualTo("Strict");
  }

  @Test
  void anyOtherValueIsInvalidOnTheOptionsKind() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> FieldValidation.parse("strict", "UpdateOptions"));

    assertThat(e.code()).isEqualTo(422);
    assertThat(e.getMessage())
        .isEqualTo(
            "UpdateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value:"
                + " \"strict\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
    assertThat(e.status().details().kind()).isEqualTo("UpdateOptions");
    assertThat(e.status().details().group()).isEqualTo("meta.k8s.io");
  }

  @Test
  void warnTurnsEachPathIntoAWarning() {
    assertThat(FieldValidation.WARN.handleUnknownFields(List.of("spec.foo", "metadata.x"), FOO))
        .containsExactly("unknown field \"spec.foo\"", "unknown field \"metadata.x\"");
  }

  @Test
  void ignoreDropsSilently() {
    assertThat(FieldValidation.IGNORE.handleUnknownFields(List.of("spec.foo"), FOO)).isEmpty();
  }

  @Test
  void strictFailsWithUpstreamsDecodingError() {
    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> FieldValidation.STRICT.handleUnknownFields(List.of("spec.a", "spec.b"), FOO));

    assertThat(e.code()).isEqualTo(400);
    assertThat(e.status().reason()).isEqualTo("BadRequest");
    assertThat(e.getMessage())
        .isEqualTo(
            "Foo in version \"v1\" cannot be handled as a Foo: strict decoding error:"
                + " unknown field \"spec.a\", unknown field \"spec.b\"");
    assertThat(FieldValidation.STRICT.handleUnknownFields(List.of(), FOO)).isEmpty();
  }
}
