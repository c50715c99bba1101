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
