package io.kapi.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebSocketWatchTest {
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";

  /** Collects whole text messages and the close status. */
  private static final class Collector implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }

    JsonNode next() throws InterruptedException {
      String message = messages.poll(10, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("no websocket message within 10 s");
      }
      assertThat(message).endsWith("}\n");
      return TestApi.json(message);
    }
  }

  @Test
  void eventsArriveAsOneTextFrameEachAndTheDeadlineClosesNormally() throws Exception {
    try (TestApi api = TestApi.start()) {
      JsonNode a = api.createWidget("default", "a", "red");
      Collector collector = new Collector();
      WebSocket ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + api.port() + WIDGETS + "?watch=true&timeoutSeconds=2"),
                  collector)
              .get(10, TimeUnit.SECONDS);
      try {
        JsonNode first = collector.next();
        assertThat(first.path("type").asString()).isEqualTo("ADDED");
        assertThat(first.path("object")).isEqualTo(a);

        api.createWidget("default", "b", "blue");
        JsonNode second = collector.next();
        assertThat(second.path("type").asString()).isEqualTo("ADDED");
        assertThat(second.path("object").path("metadata").path("name").asString()).isEqualTo("b");

        assertThat(collector.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
      } finally {
        ws.abort();
      }
    }
  }

  @Test
  void tooOldResourceVersionSendsOneErrorFrame() throws Exception {
    try (TestApi api =
        TestApi.start(b -> b.watchCache(c -> c.history(java.time.Duration.ZERO, 1, 1)))) {
      String rv = api.createWidget("default", "a", "red").path("metadata").path("resourceVersion").asString();
      api.createWidget("default", "b", "red");
      String last = api.createWidget("default", "c", "red").path("metadata").path("resourceVersion").asString();
      // let the watch cache catch up, so that the first revision has left its one-event history
      api.get(WIDGETS + "?resourceVersion=" + last + "&resourceVersionMatch=NotOlderThan");
      Collector collector = new Collector();
      WebSocket ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + api.port() + WIDGETS + "?watch=true&resourceVersion=" + rv),
                  collector)
              .get(10, TimeUnit.SECONDS);
      try {
        JsonNode error = collector.next();
        assertThat(error.path("type").asString()).isEqualTo("ERROR");
        assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
        assertThat(error.path("object").path("reason").asString()).isEqualTo("Expired");
        assertThat(collector.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
      } finally {
        ws.abort();
      }
    }
  }
}
