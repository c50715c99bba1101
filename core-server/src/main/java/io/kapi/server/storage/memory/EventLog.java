package io.kapi.server.storage.memory;

import io.kapi.server.storage.StorageEvent;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Every event since the last compaction, indexed by revision (revisions are dense: each write takes
 * the next one). Fixed-size segments, so appends never copy events and compaction frees whole
 * segments.
 *
 * <p>Appends and {@link #dropThrough} run under the store's write lock; {@link #get} is lock-free
 * and sees every event up to the store's published revision, because the store publishes that
 * revision (a volatile write) after appending.
 */
final class EventLog {
  private static final int SHIFT = 12;
  private static final int SEGMENT_SIZE = 1 << SHIFT;
  private static final int MASK = SEGMENT_SIZE - 1;

  private volatile @Nullable StorageEvent[] @Nullable [] segments = new StorageEvent[16][];

  void append(StorageEvent event) {
    long index = event.revision() - 1;
    int segment = (int) (index >>> SHIFT);
    @Nullable StorageEvent[] @Nullable [] s = segments;
    if (segment >= s.length) {
      s = Arrays.copyOf(s, Math.max(segment + 1, s.length * 2));
    }
    @Nullable StorageEvent[] target = s[segment];
    if (target == null) {
      target = new StorageEvent[SEGMENT_SIZE];
      s[segment] = target;
    }
    target[(int) (index & MASK)] = event;
    if (s != segments) {
      segments = s;
    }
  }

  /** The event of {@code revision}, or {@code null} if it was dropped (or not written yet). */
  @Nullable StorageEvent get(long revision) {
    long index = revision - 1;
    int segment = (int) (index >>> SHIFT);
    @Nullable StorageEvent[] @Nullable [] s = segments;
    if (index < 0 || segment >= s.length) {
      return null;
    }
    @Nullable StorageEvent[] target = s[segment];
    return target == null ? null : target[(int) (index & MASK)];
  }

  /** Frees the segments whose events all have revisions {@code <= revision}. */
  void dropThrough(long revision) {
    int full = (int) (revision >>> SHIFT); // segments [0, full) end at or before revision
    @Nullable StorageEvent[] @Nullable [] s = segments.clone();
    for (int i = 0; i < Math.min(full, s.length); i++) {
      s[i] = null;
    }
    segments = s;
  }
}
