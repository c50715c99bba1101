package io.kapi.storage.sqlite;

import io.kapi.server.storage.StorageEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open watches of one storage. The writer thread hands every committed batch of events to
 * {@link #publish}, which only appends to each matching watch's queue and never waits for a
 * listener.
 */
final class WatchHub {
  private final CopyOnWriteArrayList<PrefixWatch> watches = new CopyOnWriteArrayList<>();
  private volatile long publishedRevision;

  void add(PrefixWatch watch) {
    watches.add(watch);
  }

  void remove(PrefixWatch watch) {
    watches.remove(watch);
  }

  /** Offers {@code events} (one committed batch, in revision order) to every open watch. */
  void publish(List<StorageEvent> events) {
    for (PrefixWatch watch : watches) {
      watch.offer(events);
    }
    published(events.get(events.size() - 1).revision());
  }

  /** Every event up to {@code revision} has been offered to every watch registered before. */
  void published(long revision) {
    publishedRevision = revision;
  }

  /**
   * The revision up to which {@link #publish} has offered every event: a watch with nothing queued
   * has delivered every change up to it.
   */
  long publishedRevision() {
    return publishedRevision;
  }

  int size() {
    return watches.size();
  }

  /** Ends every watch without notifying its listener. */
  void closeAll() {
    for (PrefixWatch watch : watches) {
      watch.close();
    }
    watches.clear();
  }
}
