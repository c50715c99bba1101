package io.kapi.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackgroundCompactorTest {
  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong current = new AtomicLong();
  private final AtomicLong compacted = new AtomicLong();
  private final List<Long> compactions = new ArrayList<>();

  private BackgroundCompactor compactor() {
    return new BackgroundCompactor(
        Duration.ofNanos(100),
        current::get,
        compacted::get,
        revision -> {
          compactions.add(revision);
          compacted.set(revision);
        },
        clock::get);
  }

  @Test
  void compactsToTheNewestRevisionOlderThanTheRetentionWindow() {
    current.set(10);
    BackgroundCompactor compactor = compactor(); // samples revision 10 at t=0
    clock.set(60);
    current.set(20);
    assertThat(compactor.tick()).isZero(); // revision 10 is only 60 old

    clock.set(130);
    current.set(30);
    assertThat(compactor.tick()).isEqualTo(10);

    clock.set(170);
    assertThat(compactor.tick()).isEqualTo(20); // sampled at t=60

    assertThat(compactions).containsExactly(10L, 20L);
  }

  @Test
  void doesNothingWhenNothingNewIsOldEnough() {
    current.set(5);
    BackgroundCompactor compactor = compactor();
    clock.set(100);
    assertThat(compactor.tick()).isEqualTo(5);
    clock.set(150);
    assertThat(compactor.tick()).isZero();
    clock.set(250);
    assertThat(compactor.tick()).isZero(); // still revision 5, already compacted

    assertThat(compactions).containsExactly(5L);
  }
}
