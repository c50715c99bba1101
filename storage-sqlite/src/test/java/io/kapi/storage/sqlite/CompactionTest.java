package io.kapi.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {
  private static final int KEYS = 40;

  @TempDir Path dir;

  private SqliteStorage storage;

  private Path file() {
    return dir.resolve("kapi.db");
  }

  private SqliteStorage open(int batchSize) {
    storage =
        SqliteStorage.builder(file())
            .backgroundCompaction(false)
            .compactionBatchSize(batchSize)
            .open();
    return storage;
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  /** Writes 40 keys, updates each twice and deletes every fourth; returns the expected state. */
  private static Map<String, String> writeHistory(SqliteStorage s) {
    Map<String, String> live = new HashMap<>();
    for (int i = 0; i < KEYS; i++) {
      String key = "/r/k" + i;
      KeyValue kv = s.create(key, ("v0-" + i).getBytes(UTF_8));
      kv = s.update(key, kv.modRevision(), ("v1-" + i).getBytes(UTF_8));
      kv = s.update(key, kv.modRevision(), ("v2-" + i).getBytes(UTF_8));
      if (i % 4 == 0) {
        s.delete(key, kv.modRevision());
      } else {
        live.put(key, "v2-" + i);
      }
    }
    return live;
  }

  private static Map<String, String> listLive(SqliteStorage s, long revision) {
    return s.list(new ListRequest("/r/", "", revision, 0)).items().stream()
        .collect(Collectors.toMap(KeyValue::key, kv -> new String(kv.value(), UTF_8)));
  }

  private long rowCount() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM kv")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void compactionInSmallBatchesKeepsTheLatestValueOfEveryKey() throws SQLException {
    SqliteStorage s = open(7);
    Map<String, String> live = writeHistory(s);
    long revision = s.currentRevision();

    s.compact(revision);

    assertThat(s.compactedRevision()).isEqualTo(revision);
    assertThat(listLive(s, 0)).isEqualTo(live);
    assertThat(listLive(s, revision)).isEqualTo(live);
    assertThat(rowCount()).isEqualTo(live.size());
    for (Map.Entry<String, String> entry : live.entrySet()) {
      assertThat(s.get(entry.getKey()))
          .hasValueSatisfying(
              kv -> assertThat(new String(kv.value(), UTF_8)).isEqualTo(entry.getValue()));
    }
  }

  @Test
  void revisionsBelowTheCompactedOneAreCompactedAlsoAfterReopening() {
    SqliteStorage s = open(5);
    writeHistory(s);
    long compactTo = s.currentRevision() - 10;
    s.compact(compactTo);
    Map<String, String> atCompacted = listLive(s, compactTo);
    s.close();

    SqliteStorage reopened = open(5);

    assertThat(reopened.compactedRevision()).isEqualTo(compactTo);
    assertThatThrownBy(() -> reopened.list(new ListRequest("/r/", "", compactTo - 1, 0)))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.COMPACTED));
    assertThat(listLive(reopened, compactTo)).isEqualTo(atCompacted);
  }

  @Test
  void compactionAtAnOlderRevisionKeepsLaterHistoryReadable() {
    SqliteStorage s = open(3);
    KeyValue a = s.create("/r/a", "1".getBytes(UTF_8));
    KeyValue a2 = s.update("/r/a", a.modRevision(), "2".getBytes(UTF_8));
    long middle = s.currentRevision();
    s.update("/r/a", a2.modRevision(), "3".getBytes(UTF_8));
    s.create("/r/b", "b".getBytes(UTF_8));
    s.delete("/r/b", 0);

    s.compact(middle);

    assertThat(listLive(s, middle)).containsExactlyEntriesOf(Map.of("/r/a", "2"));
    assertThat(listLive(s, middle + 1)).containsExactlyEntriesOf(Map.of("/r/a", "3"));
    assertThat(listLive(s, middle + 2)).isEqualTo(Map.of("/r/a", "3", "/r/b", "b"));
    assertThat(listLive(s, 0)).containsExactlyEntriesOf(Map.of("/r/a", "3"));
  }

  @Test
  void compactingTheSameOrAnOlderRevisionAgainIsANoOp() {
    SqliteStorage s = open(10);
    writeHistory(s);
    s.compact(50);
    s.compact(20);
    s.compact(50);

    assertThat(s.compactedRevision()).isEqualTo(50);
  }

  @Test
  void compactingTheFutureIsRejected() {
    SqliteStorage s = open(10);
    s.create("/r/a", "1".getBytes(UTF_8));

    assertThatThrownBy(() -> s.compact(5)).isInstanceOf(IllegalArgumentException.class);
    assertThat(s.compactedRevision()).isZero();
  }

  @Test
  void anInterruptedCompactionResumesAfterReopening() throws SQLException {
    SqliteStorage s = open(10);
    Map<String, String> live = writeHistory(s);
    long revision = s.currentRevision();
    s.close();
    // what a crash right after recording the compacted revision leaves behind
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = c.createStatement()) {
      statement.executeUpdate(
          "UPDATE meta SET value = " + revision + " WHERE name = 'compact_revision'");
    }

    SqliteStorage reopened = open(10);
    reopened.compact(revision); // waits for the resumed compaction

    assertThat(reopened.compactedRevision()).isEqualTo(revision);
    assertThat(rowCount()).isEqualTo(live.size());
    assertThat(listLive(reopened, 0)).isEqualTo(live);
  }

  @Test
  void backgroundCompactionRemovesHistoryOlderThanTheRetentionWindow() throws Exception {
    storage =
        SqliteStorage.builder(file())
            .retention(Duration.ofMillis(200))
            .compactionInterval(Duration.ofMillis(50))
            .open();
    Map<String, String> live = writeHistory(storage);
    long written = storage.currentRevision();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (storage.compactedRevision() < written && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(storage.compactedRevision()).isEqualTo(written);
    assertThat(listLive(storage, 0)).isEqualTo(live);
  }
}
