package io.kapi.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Records what a watch delivers and whether callbacks ever overlapped. */
final class RecordingListener implements WatchListener {
  final List<StorageEvent> events = new CopyOnWriteArrayList<>();
  final List<StorageException> errors = new CopyOnWriteArrayList<>();
  final List<Long> progress = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  final AtomicBoolean overlapped = new AtomicBoolean();
  private final Consumer<StorageEvent> hook;

  RecordingListener() {
    this(event -> {});
  }

  /** {@code hook} runs after recording each event, e.g. to block or throw. */
  RecordingListener(Consumer<StorageEvent> hook) {
    this.hook = hook;
  }

  @Override
  public void onEvent(StorageEvent event) {
    enter();
    try {
      events.add(event);
      hook.accept(event);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void onError(StorageException error) {
    enter();
    try {
      errors.add(error);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void onProgress(long revision) {
    enter();
    try {
      progress.add(revision);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  List<Long> revisions() {
    List<Long> revisions = new ArrayList<>();
    for (StorageEvent event : events) {
      revisions.add(event.revision());
    }
    return revisions;
  }

  void awaitEvents(int count) {
    await(() -> events.size() >= count, "events: " + count);
  }

  void awaitRevision(long revision) {
    await(
        () -> !events.isEmpty() && events.get(events.size() - 1).revision() >= revision,
        "revision " + revision);
  }

  void awaitError() {
    await(() -> !errors.isEmpty(), "an error");
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private void enter() {
    if (inFlight.incrementAndGet() > 1) {
      overlapped.set(true);
    }
  }
}
