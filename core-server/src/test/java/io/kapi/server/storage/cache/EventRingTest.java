package io.kapi.server.storage.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.storage.KeyValue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventRingTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void growsWhileTheOldestChangeIsFresh() {
    EventRing<String> ring = new EventRing<>(4, 16, 75 * SECOND, 0);
    for (int i = 1; i <= 10; i++) {
      ring.append(change(ring, i, 0), 0);
    }

    assertThat(ring.capacity()).isEqualTo(16);
    assertThat(ring.size()).isEqualTo(10);
    assertThat(ring.historyStart()).isZero();
  }

  @Test
  void evictsTheOldestWhenItIsStaleOrTheRingIsAtMaximum() {
    EventRing<String> stale = new EventRing<>(4, 16, 75 * SECOND, 0);
    for (int i = 1; i <= 6; i++) {
      stale.append(change(stale, i, i * 100 * SECOND), i * 100 * SECOND);
    }
    assertThat(stale.capacity()).isEqualTo(4);
    assertThat(stale.historyStart()).isEqualTo(2);
    assertThat(stale.get(0)).isNull();
    assertThat(stale.get(2).revision).isEqualTo(3);

    EventRing<String> full = new EventRing<>(4, 8, 75 * SECOND, 0);
    for (int i = 1; i <= 20; i++) {
      full.append(change(full, i, 0), 0);
    }
    assertThat(full.capacity()).isEqualTo(8);
    assertThat(full.historyStart()).isEqualTo(12);
  }

  @Test
  void findsTheFirstChangeAfterARevision() {
    EventRing<String> ring = new EventRing<>(8, 8, 0, 0);
    for (int rev : new int[] {3, 5, 9, 12}) {
      ring.append(change(ring, rev, 0), 0);
    }

    assertThat(ring.firstSeqAfter(0)).isZero();
    assertThat(ring.firstSeqAfter(5)).isEqualTo(2);
    assertThat(ring.firstSeqAfter(6)).isEqualTo(2);
    assertThat(ring.firstSeqAfter(12)).isEqualTo(4);
  }

  private static Change<String> change(EventRing<String> ring, long revision, long nanos) {
    KeyValue kv = new KeyValue("/k/" + revision, "v".getBytes(UTF_8), revision, revision);
    CachedObject<String> o = new CachedObject<>(kv, "v", s -> s.getBytes(UTF_8));
    return new Change<>(ring.nextSeq(), WatchCacheEvent.Type.ADDED, kv.key(), o, null, nanos);
  }
}
