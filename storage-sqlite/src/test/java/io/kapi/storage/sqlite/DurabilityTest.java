package io.kapi.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL and checks that every acknowledged write survived. Rounds
 * alternate between the two {@link Durability} levels: both must survive a process crash.
 */
class DurabilityTest {
  private static final int ROUNDS = 5;
  private static final String PREFIX = "/registry/durability/";

  @TempDir Path dir;

  @Test
  void acknowledgedCreatesSurviveSigkill() throws Exception {
    Path db = dir.resolve("durable.db");
    Random random = new Random();
    Map<String, String> acknowledged = new HashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      Durability durability =
          round % 2 == 0 ? Durability.SURVIVES_POWER_LOSS : Durability.SURVIVES_PROCESS_CRASH;
      List<String> lines =
          runAndKill(db, PREFIX + "round" + round + "/", durability, random, round);
      Map<String, String> acks = parseAcks(lines);
      assertThat(acks).as("acknowledged creates in round %s", round).isNotEmpty();
      acknowledged.putAll(acks);

      try (SqliteStorage reopened = SqliteStorage.builder(db).backgroundCompaction(false).open()) {
        Map<String, String> stored =
            reopened.list(ListRequest.all(PREFIX)).items().stream()
                .collect(
                    Collectors.toMap(KeyValue::key, kv -> new String(kv.value(), UTF_8)));
        assertThat(stored).containsAllEntriesOf(acknowledged);
      }
    }
  }

  private List<String> runAndKill(
      Path db, String prefix, Durability durability, Random random, int round) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityChild.class.getName(),
                db.toString(),
                prefix,
                "8",
                durability.name())
            .redirectError(dir.resolve("child-" + round + ".err").toFile())
            .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("READ FAILED " + e);
              }
            });
    reader.start();
    try {
      RecordingListener.await(
          () -> lines.stream().anyMatch(line -> line.startsWith("ACK ")) || !child.isAlive(),
          "the child's first acknowledged write");
      assertThat(child.isAlive()).as("child still running").isTrue();
      Thread.sleep(50 + random.nextInt(400));
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux
      child.waitFor(10, TimeUnit.SECONDS);
      reader.join(Duration.ofSeconds(10).toMillis());
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    return lines;
  }

  /** Complete {@code ACK key value .} lines; a line cut off by the kill is ignored. */
  private static Map<String, String> parseAcks(List<String> lines) {
    Map<String, String> acks = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts.length == 4 && parts[0].equals("ACK") && parts[3].equals(".")) {
        acks.put(parts[1], parts[2]);
      }
    }
    return acks;
  }
}
