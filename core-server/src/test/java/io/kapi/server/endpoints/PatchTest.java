package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PatchTest {
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
  private static final String UNSUPPORTED =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"the body of the request was in an unknown format - accepted media types"
          + " include: application/json-patch+json, application/merge-patch+json,"
          + " application/apply-patch+yaml\",\"reason\":\"UnsupportedMediaType\",\"code\":415}\n";

  /** A top-level-only merge patch, enough to exercise the plumbing. */
  private static final PatchApplier SHALLOW_MERGE =
      new PatchApplier() {
        @Override
        public List<String> patchTypes() {
          return List.of("application/merge-patch+json", "application/apply-patch+yaml");
        }

        @Override
        public ObjectNode apply(String patchType, ObjectNode original, byte[] patch) {
          JsonNode p =
              patchType.endsWith("yaml")
                  ? ApiCodec.yaml().decode(patch, JsonNode.class)
                  : ApiCodec.json().decode(patch, JsonNode.class);
          for (Map.Entry<String, JsonNode> e : p.properties()) {
            original.set(e.getKey(), e.getValue());
          }
          return original;
        }
      };

  @Test
  void withoutAPatchEngineEveryPatchTypeIs415() throws Exception {
    try (TestApi api = TestApi.start()) {
      api.createWidget("default", "a", "red");
      for (String type :
          List.of(
              "application/merge-patch+json",
              "application/json-patch+json",
              "application/apply-patch+yaml",
              "application/strategic-merge-patch+json",
              "application/json")) {
        HttpResponse<String> response =
            api.send("PATCH", WIDGETS + "/a", "{}", "Content-Type", type);

        assertThat(response.statusCode()).as(type).isEqualTo(415);
        assertThat(response.body()).as(type).isEqualTo(UNSUPPORTED);
      }
    }
  }

  @Test
  void patchGoesThroughTheApplierAndTheStore() throws Exception {
    try (TestApi api = TestApi.start(b -> b.patchApplier(SHALLOW_MERGE))) {
      api.createWidget("default", "a", "red");

      HttpResponse<String> patched =
          api.send(
              "PATCH", WIDGETS + "/a", "{\"spec\":{\"color\":\"blue\"}}",
              "Content-Type", "application/merge-patch+json; charset=utf-8");
      HttpResponse<String> status =
          api.send(
              "PATCH", WIDGETS + "/a/status", "{\"status\":{\"phase\":\"Ready\"},\"spec\":{}}",
              "Content-Type", "application/merge-patch+json");
      HttpResponse<String> missing =
          api.send("PATCH", WIDGETS + "/nope", "{}", "Content-Type", "application/merge-patch+json");
      HttpResponse<String> jsonPatch =
          api.send("PATCH", WIDGETS + "/a", "[]", "Content-Type", "application/json-patch+json");

      assertThat(patched.statusCode()).isEqualTo(200);
      assertThat(json(patched).path("spec").path("color").asString()).isEqualTo("blue");
      assertThat(json(patched).path("metadata").path("generation").asInt()).isEqualTo(2);
      assertThat(json(status).path("status").path("phase").asString()).isEqualTo("Ready");
      assertThat(json(status).path("spec").path("color").asString()).isEqualTo("blue");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(jsonPatch.statusCode()).isEqualTo(415);
      assertThat(json(jsonPatch).path("message").asString())
          .isEqualTo(
              "the body of the request was in an unknown format - accepted media types include:"
                  + " application/merge-patch+json, application/apply-patch+yaml");
    }
  }

  @Test
  void applyNeedsAFieldManagerAndCreatesMissingObjects() throws Exception {
    try (TestApi api = TestApi.start(b -> b.patchApplier(SHALLOW_MERGE))) {
      String yaml = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: n\nspec:\n  color: red\n";

      HttpResponse<String> noManager =
          api.send("PATCH", WIDGETS + "/n", yaml, "Content-Type", "application/apply-patch+yaml");
      HttpResponse<String> created =
          api.send(
              "PATCH", WIDGETS + "/n?fieldManager=test", yaml,
              "Content-Type", "application/apply-patch+yaml");

      assertThat(noManager.statusCode()).isEqualTo(422);
      assertThat(json(noManager).path("message").asString())
          .isEqualTo(
              "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required"
                  + " for apply patch");
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(json(created).path("metadata").path("uid").asString()).isNotEmpty();
    }
  }
}
