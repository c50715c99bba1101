package io.kapi.server.storage.cache;

import org.jspecify.annotations.Nullable;

/**
 * The cache's recent history: a ring of {@link Change}s in revision order that keeps at least
 * {@code retention} worth of changes (growing from the minimum capacity up to the maximum when
 * changes come fast) and at least the minimum capacity of them.
 *
 * <p>Writes happen under the cache's lock. {@link #get} is lock-free: a reader checks the sequence
 * number of the change it finds, so a slot overwritten since is detected, never misread.
 */
final class EventRing<T> {
  private final int minCapacity;
  private final int maxCapacity;
  private final long retentionNanos;

  private volatile @Nullable Change<T>[] slots;

  /** Sequence number of the oldest change kept. */
  private long first;

  /** Sequence number the next change gets. */
  private long next;

  /** Every change with a revision above this one is in the ring. */
  private long historyStart;

  EventRing(int minCapacity, int maxCapacity, long retentionNanos, long startRevision) {
    this.minCapacity = minCapacity;
    this.maxCapacity = maxCapacity;
    this.retentionNanos = retentionNanos;
    this.slots = newSlots(minCapacity);
    this.historyStart = startRevision;
  }

  @SuppressWarnings("unchecked")
  private static <T> @Nullable Change<T>[] newSlots(int capacity) {
    return (Change<T>[]) new Change<?>[capacity];
  }

  long nextSeq() {
    return next;
  }

  long historyStart() {
    return historyStart;
  }

  int size() {
    return (int) (next - first);
  }

  int capacity() {
    return slots.length;
  }

  /** Appends {@code change} (whose seq must be {@link #nextSeq()}), evicting or growing if full. */
  void append(Change<T> change, long nowNanos) {
    if (change.seq != next) {
      throw new IllegalArgumentException("expected seq " + next + " but got " + change.seq);
    }
    @Nullable Change<T>[] s = slots;
    if (next - first == s.length) {
      Change<T> oldest = s[slot(first, s.length)];
      boolean fresh = oldest != null && nowNanos - oldest.nanos < retentionNanos;
      if (fresh && s.length < maxCapacity) {
        s = grow(s);
      } else {
        if (oldest != null) {
          historyStart = oldest.revision;
        }
        first++;
      }
    }
    s[slot(next, s.length)] = change;
    next++;
  }

  private @Nullable Change<T>[] grow(@Nullable Change<T>[] s) {
    int capacity = (int) Math.min(maxCapacity, Math.max(minCapacity, (long) s.length * 2));
    @Nullable Change<T>[] bigger = newSlots(capacity);
    for (long seq = first; seq < next; seq++) {
      bigger[slot(seq, capacity)] = s[slot(seq, s.length)];
    }
    slots = bigger;
    return bigger;
  }

  /** The change with sequence number {@code seq}, or {@code null} if it is no longer kept. */
  @Nullable Change<T> get(long seq) {
    @Nullable Change<T>[] s = slots;
    Change<T> c = s[slot(seq, s.length)];
    return c != null && c.seq == seq ? c : null;
  }

  /** The sequence number of the first change with a revision above {@code revision}. */
  long firstSeqAfter(long revision) {
    @Nullable Change<T>[] s = slots;
    long lo = first;
    long hi = next;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      Change<T> c = s[slot(mid, s.length)];
      if (c != null && c.revision <= revision) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Forgets everything: history now starts at {@code revision}. */
  void reset(long revision) {
    slots = newSlots(minCapacity);
    first = next;
    historyStart = revision;
  }

  private static int slot(long seq, int length) {
    return (int) (seq % length);
  }
}
