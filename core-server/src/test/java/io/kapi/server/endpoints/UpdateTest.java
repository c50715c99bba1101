package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static io.kapi.server.endpoints.TestApi.widget;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.ResourceStrategy;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class UpdateTest {
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";

  private TestApi api;

  @BeforeEach
  void start() {
    api = TestApi.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String withColor(JsonNode object, String color) {
    ObjectNode copy = (ObjectNode) object.deepCopy();
    ((ObjectNode) copy.get("spec")).put("color", color);
    return copy.toString();
  }

  @Test
  void putWithCurrentResourceVersionUpdatesAndBumpsGeneration() throws Exception {
    JsonNode created = api.createWidget("default", "a", "red");

    HttpResponse<String> response = api.put(WIDGETS + "/a", withColor(created, "blue"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode updated = json(response);
    assertThat(updated.path("spec").path("color").asString()).isEqualTo("blue");
    assertThat(updated.path("metadata").path("generation").asLong()).isEqualTo(2);
    assertThat(updated.path("metadata").path("uid")).isEqualTo(created.path("metadata").path("uid"));
    assertThat(updated.path("metadata").path("resourceVersion").asString())
        .isNotEqualTo(created.path("metadata").path("resourceVersion").asString());
  }

  @Test
  void staleResourceVersionIs409Conflict() throws Exception {
    JsonNode created = api.createWidget("default", "a", "red");
    api.put(WIDGETS + "/a", withColor(created, "blue"));

    HttpResponse<String> response = api.put(WIDGETS + "/a", withColor(created, "green"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Operation cannot be fulfilled on widgets.example.com \\\"a\\\": the"
                + " object has been modified; please apply your changes to the latest version and try"
                + " again\",\"reason\":\"Conflict\",\"details\":{\"name\":\"a\",\"group\":\"example.com\","
                + "\"kind\":\"widgets\"},\"code\":409}\n");
  }

  @Test
  void updateThatChangesNothingWritesNothing() throws Exception {
    JsonNode created = api.createWidget("default", "a", "red");
    long revision = api.storage.currentRevision();

    HttpResponse<String> response = api.put(WIDGETS + "/a", created.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.storage.currentRevision()).isEqualTo(revision);
    assertThat(json(response)).isEqualTo(created);
  }

  @Test
  void nameAndNamespaceMustMatchTheUrl() throws Exception {
    JsonNode created = api.createWidget("default", "a", "red");

    HttpResponse<String> name = api.put(WIDGETS + "/b", created.toString());
    HttpResponse<String> missing = api.put(WIDGETS + "/zz", widget("zz", "red"));

    assertThat(name.statusCode()).isEqualTo(400);
    assertThat(json(name).path("message").asString())
        .isEqualTo("the name of the object (a) does not match the name on the URL (b)");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void statusSubresourceOnlyTakesStatusAndMainEndpointIgnoresIt() throws Exception {
    JsonNode created = api.createWidget("default", "a", "red");
    ObjectNode withStatus = (ObjectNode) created.deepCopy();
    withStatus.putObject("status").put("phase", "Ready");
    ((ObjectNode) withStatus.get("spec")).put("color", "ignored");

    JsonNode afterStatus = json(api.put(WIDGETS + "/a/status", withStatus.toString()));
    assertThat(afterStatus.path("status").path("phase").asString()).isEqualTo("Ready");
    assertThat(afterStatus.path("spec").path("color").asString()).isEqualTo("red");
    assertThat(afterStatus.path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(json(api.get(WIDGETS + "/a/status"))).isEqualTo(afterStatus);

    ObjectNode main = (ObjectNode) afterStatus.deepCopy();
    ((ObjectNode) main.get("status")).put("phase", "Broken");
    JsonNode afterMain = json(api.put(WIDGETS + "/a", main.toString()));
    assertThat(afterMain.path("status").path("phase").asString()).isEqualTo("Ready");
    assertThat(afterMain.path("metadata").path("resourceVersion"))
        .isEqualTo(afterStatus.path("metadata").path("resourceVersion"));
  }

  @Test
  void unconditionalAndCreateOnUpdateFollowTheStrategy() throws Exception {
    ResourceStrategy strict =
        new ResourceStrategy() {
          @Override
          public boolean allowUnconditionalUpdate() {
            return false;
          }

          @Override
          public boolean allowCreateOnUpdate() {
            return true;
          }
        };
    api.close();
    api =
        TestApi.start(
            b -> b,
            ApiGroupInfo.builder("example.com")
                .version("v1", ResourceDefinition.builder("widgets", "Widget").strategy(strict).build())
                .build());

    HttpResponse<String> created = api.put(WIDGETS + "/a", widget("a", "red"));
    HttpResponse<String> unconditional = api.put(WIDGETS + "/a", widget("a", "blue"));

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(unconditional.statusCode()).isEqualTo(422);
    assertThat(unconditional.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"widgets.example.com \\\"a\\\" is invalid: metadata.resourceVersion:"
                + " Invalid value: 0: must be specified for an update\",\"reason\":\"Invalid\","
                + "\"details\":{\"name\":\"a\",\"group\":\"example.com\",\"kind\":\"widgets\",\"causes\":["
                + "{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: 0: must be specified"
                + " for an update\",\"field\":\"metadata.resourceVersion\"}]},\"code\":422}\n");
  }

  @Test
  void unconditionalUpdateByDefault() throws Exception {
    api.createWidget("default", "a", "red");

    HttpResponse<String> response = api.put(WIDGETS + "/a", widget("a", "blue"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("spec").path("color").asString()).isEqualTo("blue");
  }

  @Test
  void concurrentReadModifyWriteLosesNoIncrement() throws Exception {
    api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"counter\"},\"spec\":{\"count\":0}}");
    int threads = 16;
    int increments = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> conflicts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        conflicts.add(
            pool.submit(
                () -> {
                  int retries = 0;
                  for (int i = 0; i < increments; i++) {
                    while (true) {
                      JsonNode current = json(api.get(WIDGETS + "/counter"));
                      ObjectNode next = (ObjectNode) current.deepCopy();
                      ((ObjectNode) next.get("spec"))
                          .put("count", current.path("spec").path("count").asInt() + 1);
                      HttpResponse<String> r = api.put(WIDGETS + "/counter", next.toString());
                      if (r.statusCode() == 200) {
                        break;
                      }
                      if (r.statusCode() != 409) {
                        throw new AssertionError(r.statusCode() + " " + r.body());
                      }
                      retries++;
                      // back off a little, as client-go's RetryOnConflict does
                      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 4));
                    }
                  }
                  return retries;
                }));
      }
      for (Future<Integer> f : conflicts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    JsonNode counter = json(api.get(WIDGETS + "/counter"));
    assertThat(counter.path("spec").path("count").asInt()).isEqualTo(threads * increments);
    assertThat(counter.path("metadata").path("generation").asInt()).isEqualTo(1 + threads * increments);
  }
}
