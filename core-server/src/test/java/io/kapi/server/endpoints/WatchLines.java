package io.kapi.server.endpoints;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** A watch read line by line over HTTP with java.net.http, one JSON event per line. */
final class WatchLines implements AutoCloseable {
  private static final String END = "\u0000end";

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> reader;

  private WatchLines(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader =
        CompletableFuture.runAsync(
            () -> {
              try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
              } catch (RuntimeException e) {
                // the stream was cancelled or cut
              } finally {
                lines.add(END);
              }
            });
  }

  static WatchLines open(TestApi api, String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(pathAndQuery)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return new WatchLines(
        api.client().send(b.build(), HttpResponse.BodyHandlers.ofLines()));
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  /** The next event, or fails if none arrives within 10 s or the stream ended. */
  JsonNode next() throws InterruptedException {
    String line = lines.poll(10, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("no watch event within 10 s");
    }
    if (line.equals(END)) {
      throw new AssertionError("the watch ended");
    }
    return TestApi.json(line);
  }

  /** The next event's {@code type} and object name, e.g. {@code ADDED a}. */
  String nextSummary() throws InterruptedException {
    JsonNode event = next();
    return event.path("type").asString() + " " + event.path("object").path("metadata").path("name").asString();
  }

  /** Whether the stream ends (after any remaining events) within {@code timeout}; remaining events are returned. */
  Optional<Integer> awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int remaining = 0;
    while (true) {
      long left = deadline - System.nanoTime();
      String line = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (line == null) {
        return Optional.empty();
      }
      if (line.equals(END)) {
        return Optional.of(remaining);
      }
      remaining++;
    }
  }

  @Override
  public void close() {
    response.body().close();
    reader.cancel(true);
  }
}
