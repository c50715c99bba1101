package io.kapi.api.errors;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  @Test
  void invalidWithOneErrorMatchesUpstreamShape() {
    ApiException e =
        ApiErrors.invalid(
            "example.com", "Foo", "x",
            List.of(
                FieldError.typeInvalid(
                    "spec.replicas", "string",
                    "spec.replicas in body must be of type integer: \"string\"")));
    assertThat(new String(ApiCodec.json().encode(e.status()), UTF_8))
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Foo.example.com \\\"x\\\" is invalid: spec.replicas: Invalid value: "
                + "\\\"string\\\": spec.replicas in body must be of type integer: \\\"string\\\"\","
                + "\"reason\":\"Invalid\",\"details\":{\"name\":\"x\",\"group\":\"example.com\","
                + "\"kind\":\"Foo\",\"causes\":[{\"reason\":\"FieldValueTypeInvalid\",\"message\":"
                + "\"Invalid value: \\\"string\\\": spec.replicas in body must be of type integer: "
                + "\\\"string\\\"\",\"field\":\"spec.replicas\"}]},\"code\":422}\n");
  }

  @Test
  void severalErrorsAreBracketed() {
    ApiException e =
        ApiErrors.invalid(
            "", "Pod", "p",
            List.of(
                FieldError.required("spec.containers[0].image", ""),
                FieldError.notSupported("spec.restartPolicy", "Sometimes", List.of("Always", "Never"))));
    assertThat(e.status().message())
        .isEqualTo(
            "Pod \"p\" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: "
                + "Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\"]");
    assertThat(e.code()).isEqualTo(422);
  }

  @Test
  void notFoundAndConflictUseResourceAndGroup() {
    assertThat(ApiErrors.notFound("apps", "deployments", "web").status().message())
        .isEqualTo("deployments.apps \"web\" not found");
    assertThat(ApiErrors.notFound("", "configmaps", "c").status().details().kind())
        .isEqualTo("configmaps");
  }
}
