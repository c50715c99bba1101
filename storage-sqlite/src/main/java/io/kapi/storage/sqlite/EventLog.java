package io.kapi.storage.sqlite;

import io.kapi.server.storage.StorageEvent;
import java.util.List;

/** The committed history a watch catches up from. */
interface EventLog {

  /** The revision of the latest committed (and published) write. */
  long currentRevision();

  /** History at and below this revision may be gone. */
  long compactedRevision();

  /** Changes under {@code range} with revisions in {@code (after, upTo]}, oldest first. */
  List<StorageEvent> read(KeyRange range, long after, long upTo, int limit);
}
