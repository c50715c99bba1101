package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety over HTTP: clients create ConfigMaps as fast as they can against the packaged server
 * (SQLite), the server's JVM is killed with SIGKILL mid-stream, and after a restart on the same
 * data directory every object that was acknowledged with 201 is there, intact.
 */
class CrashSafetyIT {
  private static final int WRITERS = 4;
  private static final Pattern UID = Pattern.compile("\"uid\":\"([^\"]+)\"");

  @TempDir Path dataDir;

  /** What a 201 told the client: the object's uid and the payload it sent. */
  private record Acknowledged(String uid, String payload) {}

  @Test
  void everyAcknowledgedCreateSurvivesSigkill() throws Exception {
    Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger inFlightAtKill = new AtomicInteger();
    AtomicInteger failedAfterKill = new AtomicInteger();
    try (JarProcess server = new JarProcess(dataDir)) {
      // the process we kill is the JVM itself, not a shell or launcher around it
      assertThat(server.process.info().command())
          .hasValueSatisfying(c -> assertThat(Path.of(c).getFileName()).hasToString("java"));
      HttpClient http = client();
      String token = Files.readString(dataDir.resolve("admin.token")).trim();
      URI collection =
          URI.create("https://" + server.hostPort + "/api/v1/namespaces/default/configmaps");

      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> running = new ArrayList<>();
      AtomicInteger sending = new AtomicInteger();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        running.add(
            writers.submit(
                () -> {
                  for (int seq = 0; ; seq++) {
                    String name = "crash-" + writer + "-" + seq;
                    String payload =
                        "writer " + writer + " object " + seq + " " + "x".repeat(seq % 97);
                    String body =
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                            + name
                            + "\",\"labels\":{\"crash\":\"test\"}},\"data\":{\"payload\":\""
                            + payload
                            + "\"}}";
                    HttpRequest request =
                        HttpRequest.newBuilder(collection)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    HttpResponse<String> response;
                    sending.incrementAndGet();
                    try {
                      response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                      failedAfterKill.incrementAndGet();
                      return null; // the server is gone: this create's outcome is unknown
                    } finally {
                      sending.decrementAndGet();
                    }
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    Matcher uid = UID.matcher(response.body());
                    assertThat(uid.find()).as(response.body()).isTrue();
                    acknowledged.put(name, new Acknowledged(uid.group(1), payload));
                  }
                }));
      }
      // let the writers run until a few hundred creates are acknowledged, then pull the plug
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      inFlightAtKill.set(sending.get());
      server.process.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful close
      assertThat(server.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      for (Future<?> writer : running) {
        writer.get(30, TimeUnit.SECONDS);
      }
      writers.shutdown();
      assertThat(failedAfterKill).as("every writer was cut off by the kill").hasValue(WRITERS);
      assertThat(acknowledged).as("creates acknowledged before the kill").isNotEmpty();
    }

    try (JarProcess restarted = new JarProcess(dataDir)) {
      HttpClient http = client();
      String token = Files.readString(dataDir.resolve("admin.token")).trim();
      int checked = 0;
      for (Map.Entry<String, Acknowledged> entry : acknowledged.entrySet()) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "https://"
                                + restarted.hostPort
                                + "/api/v1/namespaces/default/configmaps/"
                                + entry.getKey()))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
            .as("%s after restart: %s", entry.getKey(), response.body())
            .isEqualTo(200);
        assertThat(response.body())
            .contains("\"name\":\"" + entry.getKey() + "\"")
            .contains("\"uid\":\"" + entry.getValue().uid() + "\"")
            .contains("\"payload\":\"" + entry.getValue().payload() + "\"");
        checked++;
      }
      HttpResponse<String> list =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "https://"
                              + restarted.hostPort
                              + "/api/v1/namespaces/default/configmaps?labelSelector=crash%3Dtest"))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(list.statusCode()).isEqualTo(200);
      int listed = countMatches(list.body(), "\"name\":\"crash-");
      // the list holds every acknowledged create, plus at most the ones in flight at the kill
      assertThat(listed).isBetween(acknowledged.size(), acknowledged.size() + inFlightAtKill.get());
      System.out.printf(
          "crash safety: %d creates acknowledged before SIGKILL, all %d present after restart; %d"
              + " listed (%d in flight at the kill)%n",
          acknowledged.size(), checked, listed, inFlightAtKill.get());
    }
  }

  private HttpClient client() throws Exception {
    return HttpClient.newBuilder()
        .sslContext(StartedServer.trusting(dataDir.resolve("ca.crt")))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static int countMatches(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      count++;
    }
    return count;
  }
}
