package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WriteOptions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class WatchTest {
  private static final String V1 = "/apis/example.com/v1";
  private static final String WIDGETS = V1 + "/namespaces/default/widgets";

  @Test
  void watchWithoutResourceVersionStreamsCurrentStateThenChanges() throws Exception {
    try (TestApi api = TestApi.start()) {
      JsonNode a = api.createWidget("default", "a", "red");
      api.createWidget("default", "b", "red");

      try (WatchLines watch = WatchLines.open(api, WIDGETS + "?watch=true&timeoutSeconds=30")) {
        assertThat(watch.response().statusCode()).isEqualTo(200);
        assertThat(watch.response().headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(watch.response().headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        JsonNode first = watch.next();
        assertThat(first.path("type").asString()).isEqualTo("ADDED");
        assertThat(first.path("object")).isEqualTo(a);
        assertThat(watch.nextSummary()).isEqualTo("ADDED b");

        api.createWidget("default", "c", "blue");
        assertThat(watch.nextSummary()).isEqualTo("ADDED c");
        api.put(WIDGETS + "/a", TestApi.widget("a", "green"));
        JsonNode modified = watch.next();
        assertThat(modified.path("type").asString()).isEqualTo("MODIFIED");
        assertThat(modified.path("object").path("spec").path("color").asString()).isEqualTo("green");
        api.delete(WIDGETS + "/b");
        JsonNode deleted = watch.next();
        assertThat(deleted.path("type").asString()).isEqualTo("DELETED");
        assertThat(deleted.path("object").path("metadata").path("resourceVersion").asString())
            .isEqualTo(Long.toString(api.storage.currentRevision()));
      }
    }
  }

  @Test
  void watchFromAResourceVersionSendsOnlyLaterChangesAndHonoursSelectors() throws Exception {
    try (TestApi api = TestApi.start()) {
      String rv = api.createWidget("default", "a", "red").path("metadata").path("resourceVersion").asString();
      api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"fe\",\"labels\":{\"tier\":\"fe\"}}}");
      api.createWidget("other", "x", "red");

      try (WatchLines all = WatchLines.open(api, V1 + "/widgets?watch=1&resourceVersion=" + rv);
          WatchLines fe =
              WatchLines.open(api, WIDGETS + "?watch=true&resourceVersion=" + rv + "&labelSelector=tier%3Dfe")) {
        assertThat(all.nextSummary()).isEqualTo("ADDED fe");
        assertThat(all.nextSummary()).isEqualTo("ADDED x");
        assertThat(fe.nextSummary()).isEqualTo("ADDED fe");
        api.createWidget("default", "late", "red");
        assertThat(all.nextSummary()).isEqualTo("ADDED late");
        api.delete(WIDGETS + "/fe");
        assertThat(fe.nextSummary()).isEqualTo("DELETED fe");
      }
    }
  }

  @Test
  void tooOldResourceVersionIsA200WithOneExpiredErrorEvent() throws Exception {
    try (TestApi api = TestApi.start(b -> b.watchCache(c -> c.history(Duration.ZERO, 1, 1)))) {
      String rv = api.createWidget("default", "a", "red").path("metadata").path("resourceVersion").asString();
      api.createWidget("default", "b", "red");
      String last = api.createWidget("default", "c", "red").path("metadata").path("resourceVersion").asString();
      // let the watch cache catch up, so that the first revision has left its one-event history
      api.get(WIDGETS + "?resourceVersion=" + last + "&resourceVersionMatch=NotOlderThan");

      try (WatchLines watch = WatchLines.open(api, WIDGETS + "?watch=true&resourceVersion=" + rv)) {
        assertThat(watch.response().statusCode()).isEqualTo(200);
        JsonNode error = watch.next();
        assertThat(error.path("type").asString()).isEqualTo("ERROR");
        assertThat(error.path("object").toString())
            .matches(
                "\\{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":\\{\\},\"status\":\"Failure\","
                    + "\"message\":\"too old resource version: " + rv + " \\(\\d+\\)\","
                    + "\"reason\":\"Expired\",\"code\":410}");
        assertThat(watch.awaitEnd(Duration.ofSeconds(10))).hasValue(0);
      }
    }
  }

  @Test
  void timeoutSecondsEndsTheStream() throws Exception {
    try (TestApi api = TestApi.start()) {
      api.createWidget("default", "a", "red");

      try (WatchLines watch = WatchLines.open(api, WIDGETS + "?watch=true&timeoutSeconds=1")) {
        assertThat(watch.nextSummary()).isEqualTo("ADDED a");
        assertThat(watch.awaitEnd(Duration.ofSeconds(10))).hasValue(0);
      }
    }
  }

  @Test
  void bookmarksCarryOnlyTheResourceVersion() throws Exception {
    try (TestApi api = TestApi.start(b -> b.watchCache(c -> c.bookmarkInterval(Duration.ofMillis(200))))) {
      api.createWidget("default", "a", "red");

      try (WatchLines watch =
          WatchLines.open(api, WIDGETS + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=20")) {
        assertThat(watch.nextSummary()).isEqualTo("ADDED a");
        JsonNode bookmark = watch.next();
        assertThat(bookmark.toString())
            .isEqualTo(
                "{\"type\":\"BOOKMARK\",\"object\":{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
                    + "\"metadata\":{\"resourceVersion\":\"" + api.storage.currentRevision() + "\"}}}");
      }
    }
  }

  @Test
  void sendInitialEventsEndsTheInitialStateWithAnnotatedBookmark() throws Exception {
    try (TestApi api = TestApi.start()) {
      api.createWidget("default", "a", "red");
      api.createWidget("default", "b", "red");
      long rv = api.storage.currentRevision();

      try (WatchLines watch =
          WatchLines.open(
              api,
              WIDGETS
                  + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan"
                  + "&allowWatchBookmarks=true")) {
        assertThat(watch.nextSummary()).isEqualTo("ADDED a");
        assertThat(watch.nextSummary()).isEqualTo("ADDED b");
        assertThat(watch.next().toString())
            .isEqualTo(
                "{\"type\":\"BOOKMARK\",\"object\":{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
                    + "\"metadata\":{\"annotations\":{\"k8s.io/initial-events-end\":\"true\"},"
                    + "\"resourceVersion\":\"" + rv + "\"}}}");
        api.createWidget("default", "c", "red");
        assertThat(watch.nextSummary()).isEqualTo("ADDED c");
      }
    }
  }

  @Test
  void legacyWatchPathWatchesOneObject() throws Exception {
    try (TestApi api = TestApi.start()) {
      api.createWidget("default", "a", "red");
      api.createWidget("default", "b", "red");

      try (WatchLines watch = WatchLines.open(api, V1 + "/watch/namespaces/default/widgets/b")) {
        assertThat(watch.nextSummary()).isEqualTo("ADDED b");
        api.delete(WIDGETS + "/a");
        api.delete(WIDGETS + "/b");
        assertThat(watch.nextSummary()).isEqualTo("DELETED b");
      }
    }
  }

  @Test
  void invalidWatchParametersAreAnsweredBeforeStreaming() throws Exception {
    try (TestApi api = TestApi.start()) {
      var forbidden = api.get(WIDGETS + "?watch=true&resourceVersionMatch=NotOlderThan");
      var badSelector = api.get(WIDGETS + "?watch=true&labelSelector=a%3D%3D%3Db");

      assertThat(forbidden.statusCode()).isEqualTo(422);
      assertThat(json(forbidden).path("message").asString())
          .isEqualTo(
              "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden:"
                  + " resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
      assertThat(badSelector.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aClientTooSlowToReadIsCutOffCleanly() throws Exception {
    try (TestApi api = TestApi.start(b -> b.watchCache(c -> c.watcherBufferSize(4)))) {
      Store store = api.group.store("v1", "widgets");
      try (Socket socket = new Socket("127.0.0.1", api.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("GET " + WIDGETS + "?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(300); // the watch is registered
        String big = "x".repeat(256 * 1024);
        int created = 80;
        for (int i = 0; i < created; i++) {
          Unstructured w = Unstructured.of("example.com/v1", "Widget");
          w.setName("w" + i);
          ObjectNode spec = JsonNodeFactory.instance.objectNode().put("blob", big);
          w.setNested(spec, "spec");
          store.create("default", w, WriteOptions.DEFAULT);
        }
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          all.write(buffer, 0, n);
          if (endsWith(all, "\r\n0\r\n\r\n")) {
            break;
          }
        }
        String response = all.toString(StandardCharsets.UTF_8);
        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("\r\n0\r\n\r\n");
        int events = response.split("\\{\"type\":\"ADDED\"", -1).length - 1;
        assertThat(events).isGreaterThan(0).isLessThan(created);
      }
    }
  }

  private static boolean endsWith(ByteArrayOutputStream out, String suffix) {
    byte[] bytes = out.toByteArray();
    byte[] s = suffix.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < s.length) {
      return false;
    }
    for (int i = 0; i < s.length; i++) {
      if (bytes[bytes.length - s.length + i] != s[i]) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aPlainHttpClientThatClosesItsConnectionReleasesTheWatchWithoutAnEvent() throws Exception {
    try (TestApi api = TestApi.start()) {
      String running =
          "apiserver_longrunning_requests{component=\"apiserver\",group=\"example.com\","
              + "resource=\"widgets\",scope=\"namespace\",subresource=\"\",verb=\"WATCH\","
              + "version=\"v1\"} ";
      try (Socket socket = new Socket("127.0.0.1", api.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("GET " + WIDGETS + "?watch=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(awaitMetric(api, running + "1.0")).isTrue();
      }
      assertThat(awaitMetric(api, running + "0.0")).isTrue();
    }
  }


  @Test
  void theConnectionServesTheNextRequestAfterAWatchEndsAtItsDeadline() throws Exception {
    try (TestApi api = TestApi.start();
        Socket socket = new Socket("127.0.0.1", api.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(
          ("GET " + WIDGETS + "?watch=true&timeoutSeconds=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readUntil(in, "\r\n0\r\n\r\n")).startsWith("HTTP/1.1 200");

      out.write(
          ("GET " + WIDGETS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readUntil(in, "\"kind\":\"WidgetList\"")).startsWith("HTTP/1.1 200");
    }
  }

  private static String readUntil(InputStream in, String end) throws Exception {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    while (!seen.toString(StandardCharsets.UTF_8).contains(end)) {
      int b = in.read();
      assertThat(b).as("bytes before the end of stream: %s", seen).isNotNegative();
      seen.write(b);
    }
    return seen.toString(StandardCharsets.UTF_8);
  }
  private static boolean awaitMetric(TestApi api, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    do {
      if (api.get("/metrics").body().lines().anyMatch(line::equals)) {
        return true;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return false;
  }
}
