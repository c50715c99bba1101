package io.kapi.server.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PreconditionsTest {
  private static final String KEY = "/registry/pods/default/a";
  private static final KeyValue POD =
      new KeyValue(KEY, "{\"metadata\":{\"uid\":\"abc\"}}".getBytes(UTF_8), 3, 5);

  @Test
  void emptyPreconditionsHoldForAnything() {
    assertThatCode(() -> Preconditions.NONE.check(KEY, POD)).doesNotThrowAnyException();
    assertThatCode(() -> Preconditions.NONE.check(KEY, null)).doesNotThrowAnyException();
  }

  @Test
  void matchingUidAndResourceVersionHold() {
    assertThatCode(() -> new Preconditions("abc", 5L).check(KEY, POD)).doesNotThrowAnyException();
  }

  @Test
  void anObjectWithoutUidHasAnEmptyOne() {
    KeyValue noUid = new KeyValue(KEY, "{\"metadata\":{}}".getBytes(UTF_8), 3, 5);

    assertThatThrownBy(() -> Preconditions.uid("abc").check(KEY, noUid))
        .hasMessage("Precondition failed: UID in precondition: abc, UID in object meta: ");
  }

  @Test
  void aMissingObjectFailsEverySetCondition() {
    assertThatThrownBy(() -> Preconditions.resourceVersion(5).check(KEY, null))
        .hasMessage(
            "Precondition failed: ResourceVersion in precondition: 5, ResourceVersion in object"
                + " meta: ");
  }

  @Test
  void aUidConditionOnAValueThatIsNotJsonIsAnInternalError() {
    KeyValue raw = new KeyValue(KEY, "not json".getBytes(UTF_8), 3, 5);

    assertThatThrownBy(() -> Preconditions.uid("abc").check(KEY, raw))
        .isInstanceOfSatisfying(
            StorageException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code())
                    .isEqualTo(StorageException.Code.INTERNAL));
  }
}
