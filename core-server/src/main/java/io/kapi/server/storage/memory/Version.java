package io.kapi.server.storage.memory;

import org.jspecify.annotations.Nullable;

/**
 * One write of one key: the newest is the map's value, older ones hang off {@link #prev}, newest
 * first. Immutable except for {@code prev}, which compaction cuts (never restores).
 */
final class Version {
  final long revision;
  final long createRevision;

  /** The value, or {@code null} for the tombstone a delete leaves. */
  final byte @Nullable [] value;

  volatile @Nullable Version prev;

  Version(long revision, long createRevision, byte @Nullable [] value, @Nullable Version prev) {
    this.revision = revision;
    this.createRevision = createRevision;
    this.value = value;
    this.prev = prev;
  }

  boolean isLive() {
    return value != null;
  }

  /** The version visible at {@code revision} in the chain starting here, or {@code null}. */
  static @Nullable Version at(@Nullable Version newest, long revision) {
    Version v = newest;
    while (v != null && v.revision > revision) {
      v = v.prev;
    }
    return v;
  }
}
