package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static io.kapi.server.endpoints.TestApi.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReadTest {
  private static final String V1 = "/apis/example.com/v1";
  private static final String WIDGETS = V1 + "/namespaces/default/widgets";

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
  void getAnswersTheObjectOrUpstreamNotFound() throws Exception {
    JsonNode created = api.createWidget("default", "a", "red");

    HttpResponse<String> found = api.get(WIDGETS + "/a");
    HttpResponse<String> missing = api.get(WIDGETS + "/nope");

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(json(found)).isEqualTo(created);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"widgets.example.com \\\"nope\\\" not found\",\"reason\":\"NotFound\","
                + "\"details\":{\"name\":\"nope\",\"group\":\"example.com\",\"kind\":\"widgets\"},\"code\":404}\n");
  }

  @Test
  void listHasKindListVersionAndItemsInKeyOrder() throws Exception {
    api.createWidget("default", "b", "red");
    api.createWidget("default", "a", "blue");
    api.createWidget("other", "c", "green");

    HttpResponse<String> namespaced = api.get(WIDGETS);
    HttpResponse<String> all = api.get(V1 + "/widgets");

    assertThat(namespaced.statusCode()).isEqualTo(200);
    JsonNode list = json(namespaced);
    assertThat(list.path("kind").asString()).isEqualTo("WidgetList");
    assertThat(list.path("apiVersion").asString()).isEqualTo("example.com/v1");
    assertThat(list.path("metadata").path("resourceVersion").asString())
        .isEqualTo(Long.toString(api.storage.currentRevision()));
    assertThat(names(list)).containsExactly("a", "b");
    assertThat(namespaced.body()).startsWith("{\"apiVersion\":\"example.com/v1\",\"items\":[{");
    assertThat(names(json(all))).containsExactly("a", "b", "c");
    assertThat(json(api.get(V1 + "/namespaces/empty/widgets")).path("items").isArray()).isTrue();
  }

  @Test
  void prettyPrintsOnRequest() throws Exception {
    api.createWidget("default", "a", "red");

    String pretty = api.get(WIDGETS + "/a?pretty=true").body();
    String prettyList = api.get(WIDGETS + "?pretty=1").body();

    assertThat(pretty).startsWith("{\n  \"apiVersion\": \"example.com/v1\",\n  \"kind\": \"Widget\",\n");
    assertThat(prettyList).startsWith("{\n  \"apiVersion\": \"example.com/v1\",\n  \"items\": [\n");
  }

  @Test
  void selectorsFilterLists() throws Exception {
    api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"fe\",\"labels\":{\"tier\":\"fe\"}}}");
    api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"be\",\"labels\":{\"tier\":\"be\"}}}");

    assertThat(names(json(api.get(WIDGETS + "?labelSelector=tier%3Dfe")))).containsExactly("fe");
    assertThat(names(json(api.get(WIDGETS + "?labelSelector=tier+notin+(fe)")))).containsExactly("be");
    assertThat(names(json(api.get(WIDGETS + "?fieldSelector=metadata.name%3Dbe")))).containsExactly("be");
  }

  @Test
  void paginationWalksAConsistentSnapshotWhileWritesContinue() throws Exception {
    for (int i = 0; i < 7; i++) {
      api.createWidget("default", "w" + i, "red");
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    String firstRv = null;
    int page = 0;
    do {
      JsonNode list =
          json(
              api.get(
                  WIDGETS
                      + "?limit=3"
                      + (token == null ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
      seen.addAll(names(list));
      JsonNode meta = list.path("metadata");
      if (firstRv == null) {
        firstRv = meta.path("resourceVersion").asString();
        assertThat(meta.path("remainingItemCount").asLong()).isEqualTo(4);
      } else {
        assertThat(meta.path("resourceVersion").asString()).isEqualTo(firstRv);
      }
      token = meta.has("continue") ? meta.path("continue").asString() : null;
      // writes between pages do not show up in later pages
      api.createWidget("default", "w" + (10 + page), "blue");
      api.delete(WIDGETS + "/w6");
      page++;
    } while (token != null);

    assertThat(seen).containsExactly("w0", "w1", "w2", "w3", "w4", "w5", "w6");
    assertThat(page).isEqualTo(3);
  }

  @Test
  void continueTokensHaveUpstreamEncoding() throws Exception {
    api.createWidget("default", "a", "red");
    api.createWidget("default", "b", "red");

    JsonNode list = json(api.get(V1 + "/widgets?limit=1"));

    String token = list.path("metadata").path("continue").asString();
    assertThat(token).doesNotContain("=");
    assertThat(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"v\":\"meta.k8s.io/v1\",\"rv\":"
                + list.path("metadata").path("resourceVersion").asString()
                + ",\"start\":\"default/a\\u0000\"}");
  }

  @Test
  void resourceVersionZeroAndNotOlderThanServeFromTheCache() throws Exception {
    JsonNode a = api.createWidget("default", "a", "red");
    String rv = a.path("metadata").path("resourceVersion").asString();

    HttpResponse<String> notOlder =
        api.get(WIDGETS + "?resourceVersion=" + rv + "&resourceVersionMatch=NotOlderThan");
    HttpResponse<String> exact =
        api.get(WIDGETS + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact");
    HttpResponse<String> any = api.get(WIDGETS + "?resourceVersion=0");
    HttpResponse<String> getNotOlder = api.get(WIDGETS + "/a?resourceVersion=" + rv);

    assertThat(names(json(notOlder))).containsExactly("a");
    assertThat(json(exact).path("metadata").path("resourceVersion").asString()).isEqualTo(rv);
    assertThat(any.statusCode()).isEqualTo(200);
    assertThat(json(getNotOlder).path("metadata").path("name").asString()).isEqualTo("a");
  }

  @Test
  void compactedExactListIs410Expired() throws Exception {
    JsonNode a = api.createWidget("default", "a", "red");
    api.createWidget("default", "b", "red");
    api.storage.compact(api.storage.currentRevision());

    HttpResponse<String> response =
        api.get(
            WIDGETS
                + "?resourceVersion="
                + a.path("metadata").path("resourceVersion").asString()
                + "&resourceVersionMatch=Exact");

    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"The resourceVersion for the provided list is too old.\","
                + "\"reason\":\"Expired\",\"code\":410}\n");
  }
}
