package io.kapi.storage.sqlite;

import java.util.concurrent.CompletableFuture;

/** Work queued for the writer thread. */
sealed interface WriteTask {

  /** What a {@link Mutation} does. */
  enum Kind {
    CREATE,
    UPDATE,
    DELETE
  }

  /** A create, update or delete of one key, completed once its transaction has committed. */
  record Mutation(
      Kind kind,
      String key,
      byte[] value,
      long expectedModRevision,
      CompletableFuture<WriteOutcome> result)
      implements WriteTask {}

  /** Compact history at and below {@code revision}; completes once rows are physically gone. */
  record Compaction(long revision, CompletableFuture<Void> done) implements WriteTask {}

  /** Finish queued work, then stop the writer thread. */
  record Stop() implements WriteTask {}
}
