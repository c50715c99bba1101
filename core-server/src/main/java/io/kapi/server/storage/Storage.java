package io.kapi.server.storage;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A revisioned key-value store with the semantics of etcd 3, the contract every Kapi storage backend
 * implements (memory, SQLite, etcd).
 *
 * <p>Every successful write (create, update, delete) is assigned the next value of one global,
 * strictly increasing revision counter; the revision of a key's last write is its
 * {@linkplain KeyValue#modRevision() mod revision}, which the REST layer exposes as
 * {@code metadata.resourceVersion}. A write is acknowledged (the method returns) only once it is
 * durable for the backend's definition of durable.
 *
 * <p>Implementations are thread-safe. Failures are reported as {@link StorageException} with a
 * {@link StorageException.Code} that the REST layer maps to a Kubernetes {@code Status}.
 */
public interface Storage extends AutoCloseable {

  /**
   * Creates {@code key} with {@code value}.
   *
   * @return the stored entry, carrying the revision of this write
   * @throws StorageException {@code KEY_EXISTS} if the key already has a live value
   */
  KeyValue create(String key, byte[] value);

  /**
   * Creates {@code key} with {@code value} without making the caller wait for durability: the
   * future completes, on a thread of the backend's choosing, once the write is acknowledged as by
   * {@link #create}, or fails with the {@link StorageException} {@code create} would throw. For an
   * event-driven caller (an I/O thread) that must not block. The default runs {@link #create} on
   * the caller's thread; backends with a writer of their own complete it from there.
   */
  default CompletableFuture<KeyValue> createAsync(String key, byte[] value) {
    try {
      return CompletableFuture.completedFuture(create(key, value));
    } catch (StorageException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Returns the latest live value of {@code key}, or empty when it does not exist. */
  Optional<KeyValue> get(String key);

  /**
   * Lists the live keys under a prefix in ascending key order, as of one
   * revision: {@link ListRequest#revision()}, or the current revision when that is {@code 0}. The
   * result's {@link ListResult#revision()} is the revision actually read, so that the next page
   * (start key = last key + {@code "\0"}) can be read at the same revision and be consistent with
   * this one whatever was written in between.
   *
   * @throws StorageException {@code COMPACTED} if {@link ListRequest#revision()} is below the
   *     {@linkplain #compactedRevision() compacted revision} (listing at exactly the compacted
   *     revision still works); {@code REVISION_TOO_LARGE} if it is newer than the current revision
   */
  ListResult list(ListRequest request);

  /**
   * Replaces the value of {@code key} if, and only if, its current mod revision is
   * {@code expectedModRevision} (compare-and-swap).
   *
   * @return the stored entry, carrying the revision of this write
   * @throws StorageException {@code NOT_FOUND} if the key does not exist; {@code CONFLICT} if its mod
   *     revision differs from {@code expectedModRevision}
   */
  KeyValue update(String key, long expectedModRevision, byte[] value);

  /**
   * Deletes {@code key}. With {@code expectedModRevision > 0} the delete happens only if the key's
   * current mod revision equals it; {@code 0} deletes unconditionally.
   *
   * @return the last value before the delete, with {@link KeyValue#modRevision()} set to the
   *     revision of the delete itself
   * @throws StorageException {@code NOT_FOUND} or {@code CONFLICT}
   */
  KeyValue delete(String key, long expectedModRevision);

  /**
   * Watches every key under {@code prefix} for changes with a revision strictly greater than
   * {@code fromRevision} ({@code 0} means "changes after the current revision"). Changes that
   * happened before this call but after {@code fromRevision} are delivered first.
   *
   * <p>Guarantee: the listener sees every change after {@code fromRevision} exactly once, in
   * revision order, from one thread at a time, never on the caller's thread and never while a
   * writer waits for it; or, if {@code fromRevision} is below the {@linkplain #compactedRevision()
   * compacted revision}, a single {@link WatchListener#onError} with code {@code COMPACTED} and
   * nothing else (watching from exactly the compacted revision works). A watch that falls so far
   * behind that compaction removes changes it has not delivered yet also ends with a single
   * {@code COMPACTED} error. Once {@link Watch#close()} returns no new call starts (one already
   * under way on another thread may still finish).
   */
  Watch watch(String prefix, long fromRevision, WatchListener listener);

  /** The revision of the latest write (0 for an empty store). */
  long currentRevision();

  /** The newest revision that has been compacted away (0 if none). */
  long compactedRevision();

  /**
   * Discards history before {@code revision}: values superseded at or before {@code revision} and
   * tombstones of deletes at or before it may be removed. Afterwards {@link #compactedRevision()}
   * returns {@code revision}, and lists at, and watches from, revisions below it fail with {@code
   * COMPACTED}; the state at {@code revision} itself and every later change stay readable. The
   * latest live value of every key is always kept. Compacting at or below the current compacted
   * revision does nothing.
   *
   * @throws IllegalArgumentException if {@code revision} is newer than the current revision
   */
  void compact(long revision);

  /** Releases the backend's resources; open watches end. */
  @Override
  void close();
}
