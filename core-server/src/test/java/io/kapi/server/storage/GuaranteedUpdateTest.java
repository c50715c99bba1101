package io.kapi.server.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.server.storage.memory.MemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuaranteedUpdateTest {
  private static final String KEY = "/registry/example.com/foos/default/a";

  private final MemoryStorage storage = MemoryStorage.create();

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void writesWhatTheFunctionReturns() {
    KeyValue created = storage.create(KEY, object("u1", "1"));

    KeyValue updated =
        GuaranteedUpdate.guaranteedUpdate(
            storage, KEY, false, Preconditions.NONE, current -> object("u1", "2"));

    assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
    assertThat(string(storage.get(KEY).orElseThrow().value())).isEqualTo(string(object("u1", "2")));
  }

  @Test
  void unchangedBytesAreNotWritten() {
    KeyValue created = storage.create(KEY, object("u1", "1"));

    KeyValue result =
        GuaranteedUpdate.guaranteedUpdate(
            storage, KEY, false, Preconditions.NONE, current -> current.value().clone());

    assertThat(result.modRevision()).isEqualTo(created.modRevision());
    assertThat(storage.currentRevision()).isEqualTo(created.modRevision());
  }

  @Test
  void aMissingKeyFailsUnlessNotFoundIsIgnored() {
    assertThatThrownBy(
            () ->
                GuaranteedUpdate.guaranteedUpdate(
                    storage, KEY, false, Preconditions.NONE, current -> object("u1", "1")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.NOT_FOUND));

    List<Boolean> sawNull = new ArrayList<>();
    KeyValue created =
        GuaranteedUpdate.guaranteedUpdate(
            storage,
            KEY,
            true,
            Preconditions.NONE,
            current -> {
              sawNull.add(current == null);
              return object("u1", "1");
            });

    assertThat(sawNull).containsExactly(true);
    assertThat(created.createRevision()).isEqualTo(created.modRevision());
  }

  @Test
  void retriesWithTheFreshValueWhenSomebodyWritesInBetween() {
    storage.create(KEY, bytes("1"));
    AtomicInteger calls = new AtomicInteger();

    KeyValue result =
        GuaranteedUpdate.guaranteedUpdate(
            storage,
            KEY,
            false,
            Preconditions.NONE,
            current -> {
              if (calls.incrementAndGet() == 1) {
                // a concurrent writer gets in first
                storage.update(KEY, current.modRevision(), bytes("10"));
              }
              return bytes(Integer.toString(Integer.parseInt(string(current.value())) + 1));
            });

    assertThat(calls.get()).isEqualTo(2);
    assertThat(string(result.value())).isEqualTo("11");
  }

  @Test
  void aUidPreconditionMismatchFailsWithUpstreamsMessage() {
    storage.create(KEY, object("real-uid", "1"));

    assertThatThrownBy(
            () ->
                GuaranteedUpdate.guaranteedUpdate(
                    storage, KEY, false, Preconditions.uid("other-uid"), c -> object("x", "2")))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.code()).isEqualTo(StorageException.Code.CONFLICT);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Precondition failed: UID in precondition: other-uid, UID in object meta:"
                          + " real-uid");
            });
  }

  @Test
  void aResourceVersionPreconditionIsCheckedAgainstTheModRevision() {
    KeyValue created = storage.create(KEY, object("u1", "1"));

    assertThatThrownBy(
            () ->
                GuaranteedUpdate.guaranteedUpdate(
                    storage,
                    KEY,
                    false,
                    Preconditions.resourceVersion(created.modRevision() + 7),
                    c -> object("u1", "2")))
        .hasMessage(
            "Precondition failed: ResourceVersion in precondition: "
                + (created.modRevision() + 7)
                + ", ResourceVersion in object meta: "
                + created.modRevision());

    KeyValue updated =
        GuaranteedUpdate.guaranteedUpdate(
            storage,
            KEY,
            false,
            new Preconditions("u1", created.modRevision()),
            c -> object("u1", "2"));
    assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
  }

  @Test
  void guaranteedDeleteChecksPreconditionsThenDeletes() {
    KeyValue created = storage.create(KEY, object("u1", "1"));

    assertThatThrownBy(
            () -> GuaranteedUpdate.guaranteedDelete(storage, KEY, Preconditions.uid("u2")))
        .hasMessageContaining("UID in precondition: u2, UID in object meta: u1");
    KeyValue deleted = GuaranteedUpdate.guaranteedDelete(storage, KEY, Preconditions.uid("u1"));

    assertThat(deleted.modRevision()).isGreaterThan(created.modRevision());
    assertThat(storage.get(KEY)).isEmpty();
    assertThatThrownBy(() -> GuaranteedUpdate.guaranteedDelete(storage, KEY, Preconditions.NONE))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.code()).isEqualTo(StorageException.Code.NOT_FOUND));
  }

  private static byte[] object(String uid, String data) {
    return bytes(
        "{\"metadata\":{\"name\":\"a\",\"uid\":\"" + uid + "\"},\"spec\":{\"n\":" + data + "}}");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String string(byte[] b) {
    return new String(b, UTF_8);
  }
}
