package io.kapi.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.ListResult;
import io.kapi.server.storage.StorageException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageTest {
  @TempDir Path dir;

  private SqliteStorage storage;

  private SqliteStorage open() {
    storage = SqliteStorage.builder(dir.resolve("kapi.db")).backgroundCompaction(false).open();
    return storage;
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String text(KeyValue kv) {
    return new String(kv.value(), UTF_8);
  }

  @Test
  void writesGetConsecutiveRevisions() {
    SqliteStorage s = open();
    KeyValue a = s.create("/r/a", bytes("1"));
    KeyValue b = s.create("/r/b", bytes("2"));
    KeyValue a2 = s.update("/r/a", a.modRevision(), bytes("3"));
    KeyValue deleted = s.delete("/r/b", 0);

    assertThat(List.of(a.modRevision(), b.modRevision(), a2.modRevision(), deleted.modRevision()))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(a2.createRevision()).isEqualTo(1);
    assertThat(s.currentRevision()).isEqualTo(4);
  }

  @Test
  void deleteReturnsTheLastValueWithTheRevisionOfTheDelete() {
    SqliteStorage s = open();
    KeyValue created = s.create("/r/a", bytes("v1"));
    KeyValue deleted = s.delete("/r/a", created.modRevision());

    assertThat(text(deleted)).isEqualTo("v1");
    assertThat(deleted.createRevision()).isEqualTo(created.modRevision());
    assertThat(deleted.modRevision()).isEqualTo(created.modRevision() + 1);
    assertThat(s.get("/r/a")).isEmpty();
  }

  @Test
  void tombstonedKeyCanBeCreatedAgainWithANewCreateRevision() {
    SqliteStorage s = open();
    s.create("/r/a", bytes("v1"));
    s.delete("/r/a", 0);
    KeyValue again = s.create("/r/a", bytes("v2"));

    assertThat(again.createRevision()).isEqualTo(3);
    assertThat(s.get("/r/a")).hasValueSatisfying(kv -> assertThat(text(kv)).isEqualTo("v2"));
    assertThatThrownBy(() -> s.create("/r/a", bytes("v3")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.KEY_EXISTS));
  }

  @Test
  void failedWritesDoNotConsumeRevisions() {
    SqliteStorage s = open();
    KeyValue a = s.create("/r/a", bytes("1"));
    assertThatThrownBy(() -> s.update("/r/a", a.modRevision() + 7, bytes("x")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.CONFLICT));
    assertThatThrownBy(() -> s.update("/r/missing", 1, bytes("x")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.NOT_FOUND));
    assertThatThrownBy(() -> s.delete("/r/missing", 0))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.NOT_FOUND));

    assertThat(s.currentRevision()).isEqualTo(1);
    assertThat(s.create("/r/b", bytes("2")).modRevision()).isEqualTo(2);
  }

  @Test
  void listsAtAnOlderRevisionSeeTheStateOfThatRevision() {
    SqliteStorage s = open();
    KeyValue a = s.create("/r/a", bytes("a1"));
    s.create("/r/b", bytes("b1"));
    long before = s.currentRevision();
    s.update("/r/a", a.modRevision(), bytes("a2"));
    s.delete("/r/b", 0);
    s.create("/r/c", bytes("c1"));

    ListResult old = s.list(new ListRequest("/r/", "", before, 0));
    ListResult now = s.list(ListRequest.all("/r/"));

    assertThat(old.items()).extracting(KeyValue::key).containsExactly("/r/a", "/r/b");
    assertThat(old.items()).extracting(SqliteStorageTest::text).containsExactly("a1", "b1");
    assertThat(old.revision()).isEqualTo(before);
    assertThat(now.items()).extracting(KeyValue::key).containsExactly("/r/a", "/r/c");
    assertThat(now.items()).extracting(SqliteStorageTest::text).containsExactly("a2", "c1");
    assertThat(now.revision()).isEqualTo(s.currentRevision());
  }

  @Test
  void listPagesReportWhatRemains() {
    SqliteStorage s = open();
    for (String name : List.of("e", "a", "d", "b", "c")) {
      s.create("/r/" + name, bytes(name));
    }
    s.create("/rx", bytes("outside"));
    s.create("/q/a", bytes("outside"));

    ListResult first = s.list(new ListRequest("/r/", "", 0, 2));
    ListResult second = s.list(new ListRequest("/r/", "/r/b\0", first.revision(), 2));
    ListResult last = s.list(new ListRequest("/r/", "/r/d\0", first.revision(), 2));

    assertThat(first.items()).extracting(KeyValue::key).containsExactly("/r/a", "/r/b");
    assertThat(first.more()).isTrue();
    assertThat(first.remaining()).isEqualTo(3);
    assertThat(second.items()).extracting(KeyValue::key).containsExactly("/r/c", "/r/d");
    assertThat(second.remaining()).isEqualTo(1);
    assertThat(last.items()).extracting(KeyValue::key).containsExactly("/r/e");
    assertThat(last.more()).isFalse();
    assertThat(last.remaining()).isZero();
  }

  @Test
  void emptyPrefixListsEveryKey() {
    SqliteStorage s = open();
    s.create("/b", bytes("1"));
    s.create("/a", bytes("2"));

    assertThat(s.list(ListRequest.all("")).items())
        .extracting(KeyValue::key)
        .containsExactly("/a", "/b");
  }

  @Test
  void listRejectsFutureRevisions() {
    SqliteStorage s = open();
    s.create("/r/a", bytes("1"));

    assertThatThrownBy(() -> s.list(new ListRequest("/r/", "", 2, 0)))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.REVISION_TOO_LARGE));
  }

  @Test
  void reopeningKeepsValuesAndRevisions() {
    SqliteStorage s = open();
    KeyValue a = s.create("/r/a", bytes("1"));
    s.update("/r/a", a.modRevision(), bytes("2"));
    s.create("/r/b", bytes("3"));
    s.delete("/r/b", 0);
    s.close();

    SqliteStorage reopened = open();

    assertThat(reopened.currentRevision()).isEqualTo(4);
    assertThat(reopened.get("/r/a"))
        .hasValueSatisfying(
            kv -> {
              assertThat(text(kv)).isEqualTo("2");
              assertThat(kv.createRevision()).isEqualTo(1);
              assertThat(kv.modRevision()).isEqualTo(2);
            });
    assertThat(reopened.get("/r/b")).isEmpty();
    assertThat(reopened.list(new ListRequest("/r/", "", 3, 0)).items())
        .extracting(KeyValue::key)
        .containsExactly("/r/a", "/r/b");
    assertThat(reopened.create("/r/c", bytes("4")).modRevision()).isEqualTo(5);
  }

  @Test
  void revisionsAreNotReusedAfterTheNewestTombstoneIsCompacted() {
    SqliteStorage s = open();
    s.create("/r/a", bytes("1"));
    s.delete("/r/a", 0);
    s.compact(2);
    s.close();

    SqliteStorage reopened = open();

    assertThat(reopened.currentRevision()).isEqualTo(2);
    assertThat(reopened.create("/r/a", bytes("again")).modRevision()).isEqualTo(3);
  }

  @Test
  void secondOpenOfTheSameFileFails() {
    open();

    assertThatThrownBy(() -> SqliteStorage.open(dir.resolve("kapi.db")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void closedStorageRejectsCalls() {
    SqliteStorage s = open();
    s.create("/r/a", bytes("1"));
    s.close();

    assertThatThrownBy(() -> s.create("/r/b", bytes("2")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.INTERNAL));
    assertThatThrownBy(() -> s.get("/r/a"))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.INTERNAL));
    s.close(); // idempotent
  }

  @Test
  void emptyAndLargeValuesRoundTrip() {
    SqliteStorage s = open();
    byte[] large = new byte[2 * 1024 * 1024];
    new java.util.Random(7).nextBytes(large);
    KeyValue empty = s.create("/r/empty", new byte[0]);
    s.create("/r/large", large);
    s.update("/r/empty", empty.modRevision(), new byte[0]);

    assertThat(s.get("/r/empty")).hasValueSatisfying(kv -> assertThat(kv.value()).isEmpty());
    assertThat(s.get("/r/large")).hasValueSatisfying(kv -> assertThat(kv.value()).isEqualTo(large));
    assertThat(s.list(new ListRequest("/r/", "", empty.modRevision(), 0)).items())
        .singleElement()
        .satisfies(kv -> assertThat(kv.value()).isEmpty());
    assertThat(text(s.delete("/r/empty", 0))).isEmpty();
  }

  @Test
  void keysSortByCodePointIncludingNonAsciiCharacters() {
    SqliteStorage s = open();
    String supplementary = new String(Character.toChars(0x1F600));
    for (String name : List.of("\uFF5E", supplementary, "z", "\u00E9")) {
      s.create("/r/" + name, bytes(name));
    }

    assertThat(s.list(ListRequest.all("/r/")).items())
        .extracting(KeyValue::key)
        .containsExactly("/r/z", "/r/\u00E9", "/r/\uFF5E", "/r/" + supplementary);
  }

  @Test
  void aReusedReadConnectionSeesEveryCommittedWrite() {
    storage =
        SqliteStorage.builder(dir.resolve("kapi.db"))
            .backgroundCompaction(false)
            .readConnections(1)
            .open();
    KeyValue kv = storage.create("/r/a", bytes("0"));
    storage.create("/r/b", bytes("b"));
    for (int i = 1; i <= 5; i++) {
      assertThat(storage.get("/r/a").orElseThrow().modRevision()).isEqualTo(kv.modRevision());
      assertThat(storage.list(new ListRequest("/r/", "", 0, 1)).items().get(0).modRevision())
          .isEqualTo(kv.modRevision());
      kv = storage.update("/r/a", kv.modRevision(), bytes(Integer.toString(i)));
    }
    assertThat(text(storage.get("/r/a").orElseThrow())).isEqualTo("5");
  }

  @Test
  void emptyKeysAreRejected() {
    SqliteStorage s = open();

    assertThatThrownBy(() -> s.create("", bytes("1"))).isInstanceOf(IllegalArgumentException.class);
  }
}
