package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static io.kapi.server.endpoints.TestApi.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.ResourceStrategy;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DeleteTest {
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

  @Test
  void deleteAnswersASuccessStatusByDefault() throws Exception {
    String uid = api.createWidget("default", "a", "red").path("metadata").path("uid").asString();

    HttpResponse<String> response = api.delete(WIDGETS + "/a");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                + "\"details\":{\"name\":\"a\",\"group\":\"example.com\",\"kind\":\"widgets\",\"uid\":\""
                + uid
                + "\"}}\n");
    assertThat(api.get(WIDGETS + "/a").statusCode()).isEqualTo(404);
    assertThat(api.delete(WIDGETS + "/a").statusCode()).isEqualTo(404);
  }

  @Test
  void strategiesLikePodsAnswerTheDeletedObject() throws Exception {
    ResourceStrategy podLike =
        new ResourceStrategy() {
          @Override
          public boolean returnDeletedObject() {
            return true;
          }
        };
    api.close();
    api =
        TestApi.start(
            b -> b,
            ApiGroupInfo.builder("example.com")
                .version("v1", ResourceDefinition.builder("widgets", "Widget").strategy(podLike).build())
                .build());
    JsonNode created = api.createWidget("default", "a", "red");

    HttpResponse<String> response = api.delete(WIDGETS + "/a");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(created);
    assertThat(api.get(WIDGETS + "/a").statusCode()).isEqualTo(404);
  }

  @Test
  void finalizersMarkTheObjectDeletingUntilTheLastOneIsRemoved() throws Exception {
    api.post(
        WIDGETS,
        "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"f\",\"finalizers\":[\"example.com/a\",\"example.com/b\"]}}");

    HttpResponse<String> first = api.delete(WIDGETS + "/f");
    JsonNode deleting = json(first);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(deleting.path("metadata").path("deletionTimestamp").asString()).isNotEmpty();
    assertThat(deleting.path("metadata").path("deletionGracePeriodSeconds").asInt()).isZero();
    assertThat(deleting.path("metadata").path("generation").asInt()).isEqualTo(2);
    assertThat(json(api.delete(WIDGETS + "/f")).path("metadata").path("resourceVersion"))
        .as("a second delete changes nothing")
        .isEqualTo(deleting.path("metadata").path("resourceVersion"));

    ObjectNode addFinalizer = (ObjectNode) deleting.deepCopy();
    ((tools.jackson.databind.node.ArrayNode) addFinalizer.path("metadata").get("finalizers")).add("example.com/c");
    HttpResponse<String> forbidden = api.put(WIDGETS + "/f", addFinalizer.toString());
    assertThat(forbidden.statusCode()).isEqualTo(422);
    assertThat(json(forbidden).path("message").asString())
        .isEqualTo(
            "Widget.example.com \"f\" is invalid: metadata.finalizers: Forbidden: no new finalizers"
                + " can be added if the object is being deleted, found new finalizers"
                + " []string{\"example.com/c\"}");

    ObjectNode oneLeft = (ObjectNode) deleting.deepCopy();
    ((ObjectNode) oneLeft.get("metadata")).putArray("finalizers").add("example.com/b");
    JsonNode stillThere = json(api.put(WIDGETS + "/f", oneLeft.toString()));
    assertThat(api.get(WIDGETS + "/f").statusCode()).isEqualTo(200);

    ObjectNode none = (ObjectNode) stillThere.deepCopy();
    ((ObjectNode) none.get("metadata")).remove("finalizers");
    HttpResponse<String> last = api.put(WIDGETS + "/f", none.toString());
    assertThat(last.statusCode()).isEqualTo(200);
    assertThat(api.get(WIDGETS + "/f").statusCode()).isEqualTo(404);
  }

  @Test
  void preconditionsMustHold() throws Exception {
    JsonNode created = api.createWidget("default", "a", "red");
    String rv = created.path("metadata").path("resourceVersion").asString();

    HttpResponse<String> wrongRv =
        api.send(
            "DELETE", WIDGETS + "/a", "{\"preconditions\":{\"resourceVersion\":\"1" + rv + "\"}}",
            "Content-Type", "application/json");
    HttpResponse<String> rightUid =
        api.send(
            "DELETE", WIDGETS + "/a",
            "{\"preconditions\":{\"uid\":\"" + created.path("metadata").path("uid").asString() + "\"}}",
            "Content-Type", "application/json");

    assertThat(wrongRv.statusCode()).isEqualTo(409);
    assertThat(wrongRv.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Operation cannot be fulfilled on Widget.example.com \\\"a\\\": the"
                + " ResourceVersion in the precondition (1" + rv + ") does not match the"
                + " ResourceVersion in record (" + rv + "). The object might have been modified\","
                + "\"reason\":\"Conflict\",\"details\":{\"name\":\"a\",\"group\":\"example.com\","
                + "\"kind\":\"Widget\"},\"code\":409}\n");
    assertThat(rightUid.statusCode()).isEqualTo(200);
  }

  @Test
  void dryRunDeletesNothing() throws Exception {
    api.createWidget("default", "a", "red");

    assertThat(api.delete(WIDGETS + "/a?dryRun=All").statusCode()).isEqualTo(200);
    assertThat(api.get(WIDGETS + "/a").statusCode()).isEqualTo(200);
    HttpResponse<String> bad = api.delete(WIDGETS + "/a?propagationPolicy=Sideways");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(json(bad).path("message").asString())
        .isEqualTo(
            "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value:"
                + " \"Sideways\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
  }

  @Test
  void deleteCollectionRemovesWhatTheSelectorsMatch() throws Exception {
    api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"x\",\"labels\":{\"drop\":\"yes\"}}}");
    api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"y\",\"labels\":{\"drop\":\"yes\"}}}");
    api.createWidget("default", "keep", "red");
    api.post(
        "/apis/example.com/v1/namespaces/other/widgets",
        "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"z\",\"labels\":{\"drop\":\"yes\"}}}");

    HttpResponse<String> response = api.delete(WIDGETS + "?labelSelector=drop%3Dyes");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("kind").asString()).isEqualTo("WidgetList");
    assertThat(names(json(response))).containsExactly("x", "y");
    assertThat(names(json(api.get("/apis/example.com/v1/widgets")))).containsExactly("keep", "z");
  }
}
