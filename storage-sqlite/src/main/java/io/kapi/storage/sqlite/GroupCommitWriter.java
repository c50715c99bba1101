package io.kapi.storage.sqlite;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes the database: it drains queued mutations, applies up to {@value
 * #MAX_GROUP} of them in one transaction (each checked and applied on its own, so one failing check
 * never affects the others), commits once, and only then publishes the events and completes the
 * callers' futures. Revisions are assigned here, in commit order.
 *
 * <p>Compaction runs on the same thread in separate transactions of bounded size, interleaved with
 * the groups of mutations, so it never holds the write lock for long.
 */
final class GroupCommitWriter {
  static final int MAX_GROUP = 1000;

  static final String SELECT_LATEST =
      "SELECT id, create_revision, deleted, value FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1";
  static final String COMPACTION_PAGE =
      "SELECT id, prev_revision, deleted FROM kv WHERE id > ? AND id <= ? ORDER BY id LIMIT ?";

  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

  private final Connection connection;
  private final PreparedStatement selectLatest;
  private final PreparedStatement insert;
  private final PreparedStatement selectCompactionPage;
  private final PreparedStatement deleteRow;
  private final PreparedStatement updateMeta;
  private final int compactionBatchSize;
  private final Consumer<List<StorageEvent>> publisher;
  private final LinkedBlockingQueue<WriteTask> queue = new LinkedBlockingQueue<>();
  private final Object submitLock = new Object();
  private final Thread thread;

  private boolean stopped; // guarded by submitLock
  private volatile long currentRevision;
  private volatile long compactedRevision;
  private volatile long groupCommits;

  // confined to the writer thread
  private long compactedThrough;
  private boolean compactionSuspended;
  private final List<WriteTask.Compaction> compactionWaiters = new ArrayList<>();
  private final List<WriteTask.Mutation> group = new ArrayList<>(MAX_GROUP);

  /** Takes ownership of {@code connection} (auto-commit off), closing it when the writer stops. */
  GroupCommitWriter(
      Connection connection, int compactionBatchSize, Consumer<List<StorageEvent>> publisher)
      throws SQLException {
    this.connection = connection;
    this.compactionBatchSize = compactionBatchSize;
    this.publisher = publisher;
    this.selectLatest = connection.prepareStatement(SELECT_LATEST);
    this.insert =
        connection.prepareStatement(
            "INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, value,"
                + " old_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    this.selectCompactionPage = connection.prepareStatement(COMPACTION_PAGE);
    this.deleteRow = connection.prepareStatement("DELETE FROM kv WHERE id = ?");
    this.updateMeta = connection.prepareStatement("UPDATE meta SET value = ? WHERE name = ?");
    long compactRevision = Schema.readMeta(connection, Schema.COMPACT_REVISION);
    this.compactedRevision = compactRevision;
    this.compactedThrough = Schema.readMeta(connection, Schema.COMPACTED_THROUGH);
    this.currentRevision = Math.max(Schema.readCurrentRevision(connection), compactRevision);
    connection.commit();
    this.thread = new Thread(this::run, "kapi-sqlite-writer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The revision of the latest committed write. */
  long currentRevision() {
    return currentRevision;
  }

  /**
   * The compacted revision. It is persisted and published before any row at or below it is
   * deleted, so a reader that sees a row missing also sees the new compacted revision.
   */
  long compactedRevision() {
    return compactedRevision;
  }

  /** How many transactions of mutations have committed (for tests and benchmarks). */
  long groupCommits() {
    return groupCommits;
  }

  /** Queues one mutation and waits, uninterruptibly, until its transaction has committed. */
  WriteOutcome mutate(WriteTask.Kind kind, String key, byte[] value, long expectedModRevision) {
    return mutateAsync(kind, key, value, expectedModRevision).join();
  }

  /**
   * Queues one mutation; the future completes on the writer thread once its transaction has
   * committed (callbacks attached without an executor run there too, so keep them short).
   */
  CompletableFuture<WriteOutcome> mutateAsync(
      WriteTask.Kind kind, String key, byte[] value, long expectedModRevision) {
    WriteTask.Mutation mutation =
        new WriteTask.Mutation(kind, key, value, expectedModRevision, new CompletableFuture<>());
    enqueue(mutation, key);
    return mutation.result();
  }

  /** Compacts up to {@code revision} and waits until the superseded rows are gone. */
  void compact(long revision) {
    WriteTask.Compaction compaction = new WriteTask.Compaction(revision, new CompletableFuture<>());
    enqueue(compaction, "");
    try {
      compaction.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StorageException storageException) {
        throw new StorageException(
            storageException.code(), "", storageException.getMessage(), storageException);
      }
      throw e;
    }
  }

  /** Finishes every queued task, stops the thread and closes the connection. Idempotent. */
  void stop() {
    synchronized (submitLock) {
      if (!stopped) {
        stopped = true;
        queue.add(new WriteTask.Stop());
      }
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void enqueue(WriteTask task, String key) {
    synchronized (submitLock) {
      if (stopped) {
        throw new StorageException(StorageException.Code.INTERNAL, key, "storage is closed");
      }
      queue.add(task);
    }
  }

  private void run() {
    try {
      loop();
    } catch (Throwable e) {
      // not expected (SQL failures are handled per transaction), but callers must never hang
      log.error("the SQLite writer thread failed; the storage accepts no more writes", e);
      synchronized (submitLock) {
        stopped = true;
      }
      WriteOutcome failed = WriteOutcome.internal("writer thread failed: " + e, e);
      StorageException error =
          new StorageException(StorageException.Code.INTERNAL, "", "writer thread failed", e);
      for (WriteTask.Mutation mutation : group) {
        mutation.result().complete(failed);
      }
      for (WriteTask.Compaction waiter : compactionWaiters) {
        waiter.done().completeExceptionally(error);
      }
      for (WriteTask task; (task = queue.poll()) != null; ) {
        if (task instanceof WriteTask.Mutation mutation) {
          mutation.result().complete(failed);
        } else if (task instanceof WriteTask.Compaction compaction) {
          compaction.done().completeExceptionally(error);
        }
      }
      closeConnection();
    }
  }

  private void loop() {
    List<WriteTask> tasks = new ArrayList<>(MAX_GROUP);
    boolean stop = false;
    while (!stop) {
      tasks.clear();
      WriteTask first = compactionRunnable() ? queue.poll() : takeUninterruptibly();
      if (first != null) {
        tasks.add(first);
        queue.drainTo(tasks, MAX_GROUP - 1);
      }
      List<WriteTask.Compaction> compactions = new ArrayList<>(0);
      for (WriteTask task : tasks) {
        if (task instanceof WriteTask.Mutation mutation) {
          group.add(mutation);
        } else if (task instanceof WriteTask.Compaction compaction) {
          compactions.add(compaction);
        } else {
          stop = true;
        }
      }
      if (!group.isEmpty()) {
        commitGroup();
        group.clear();
      }
      for (WriteTask.Compaction compaction : compactions) {
        beginCompaction(compaction);
      }
      if (compactionRunnable()) {
        compactOneBatch();
      }
    }
    // the compacted revision is persisted: an unfinished compaction resumes after reopening
    for (WriteTask.Compaction waiter : compactionWaiters) {
      waiter.done().complete(null);
    }
    compactionWaiters.clear();
    closeConnection();
  }

  private WriteTask takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        log.debug("writer thread interrupted; ignoring (stop() ends it)");
      }
    }
  }

  // ---- mutations --------------------------------------------------------------------------------

  private void commitGroup() {
    long revision = currentRevision;
    List<StorageEvent> events = new ArrayList<>(group.size());
    WriteOutcome[] outcomes = new WriteOutcome[group.size()];
    try {
      for (int i = 0; i < group.size(); i++) {
        WriteOutcome outcome = apply(group.get(i), revision + 1, events);
        if (outcome.keyValue() != null) {
          revision++;
        }
        outcomes[i] = outcome;
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      log.error("write transaction of {} operations failed; rolled back", group.size(), e);
      rollbackQuietly();
      WriteOutcome failed = WriteOutcome.internal("write failed: " + e.getMessage(), e);
      for (WriteTask.Mutation mutation : group) {
        mutation.result().complete(failed);
      }
      return;
    }
    currentRevision = revision;
    groupCommits++;
    if (!events.isEmpty()) {
      try {
        publisher.accept(events);
      } catch (RuntimeException e) {
        log.error("publishing {} events to watchers failed", events.size(), e);
      }
    }
    for (int i = 0; i < outcomes.length; i++) {
      group.get(i).result().complete(outcomes[i]);
    }
  }

  private WriteOutcome apply(WriteTask.Mutation mutation, long revision, List<StorageEvent> events)
      throws SQLException {
    String key = mutation.key();
    Latest latest = selectLatest(key);
    boolean live = latest != null && !latest.deleted();
    switch (mutation.kind()) {
      case CREATE -> {
        if (live) {
          return WriteOutcome.failure(
              StorageException.Code.KEY_EXISTS, "key already exists: " + key);
        }
        long previous = latest == null ? 0 : latest.id();
        insert(revision, key, true, false, revision, previous, mutation.value(), null);
        events.add(
            new StorageEvent(StorageEvent.Type.ADDED, key, mutation.value(), null, revision));
        return WriteOutcome.success(new KeyValue(key, mutation.value(), revision, revision));
      }
      case UPDATE -> {
        if (!live) {
          return WriteOutcome.failure(StorageException.Code.NOT_FOUND, "key not found: " + key);
        }
        if (latest.id() != mutation.expectedModRevision()) {
          return conflict(key, latest.id(), mutation.expectedModRevision());
        }
        insert(revision, key, false, false, latest.createRevision(), latest.id(),
            mutation.value(), latest.value());
        events.add(
            new StorageEvent(
                StorageEvent.Type.MODIFIED, key, mutation.value(), latest.value(), revision));
        return WriteOutcome.success(
            new KeyValue(key, mutation.value(), latest.createRevision(), revision));
      }
      case DELETE -> {
        if (!live) {
          return WriteOutcome.failure(StorageException.Code.NOT_FOUND, "key not found: " + key);
        }
        long expected = mutation.expectedModRevision();
        if (expected != 0 && latest.id() != expected) {
          return conflict(key, latest.id(), expected);
        }
        // the tombstone keeps the last value: it is the value of the DELETED event
        insert(revision, key, false, true, latest.createRevision(), latest.id(), latest.value(),
            null);
        events.add(
            new StorageEvent(
                StorageEvent.Type.DELETED, key, latest.value(), latest.value(), revision));
        return WriteOutcome.success(
            new KeyValue(key, latest.value(), latest.createRevision(), revision));
      }
    }
    throw new AssertionError(mutation.kind());
  }

  private static WriteOutcome conflict(String key, long actual, long expected) {
    return WriteOutcome.failure(
        StorageException.Code.CONFLICT,
        "mod revision of " + key + " is " + actual + ", expected " + expected);
  }

  private @Nullable Latest selectLatest(String key) throws SQLException {
    selectLatest.setString(1, key);
    try (ResultSet rows = selectLatest.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      return new Latest(rows.getLong(1), rows.getLong(2), rows.getInt(3) != 0, rows.getBytes(4));
    }
  }

  private void insert(
      long id,
      String key,
      boolean created,
      boolean deleted,
      long createRevision,
      long prevRevision,
      byte[] value,
      byte @Nullable [] oldValue)
      throws SQLException {
    insert.setLong(1, id);
    insert.setString(2, key);
    insert.setInt(3, created ? 1 : 0);
    insert.setInt(4, deleted ? 1 : 0);
    insert.setLong(5, createRevision);
    insert.setLong(6, prevRevision);
    insert.setBytes(7, value);
    if (oldValue == null) {
      insert.setNull(8, Types.BLOB);
    } else {
      insert.setBytes(8, oldValue);
    }
    insert.executeUpdate();
  }

  /** The newest row of a key. */
  private record Latest(long id, long createRevision, boolean deleted, byte[] value) {}

  // ---- compaction -------------------------------------------------------------------------------

  private boolean compactionRunnable() {
    return !compactionSuspended && compactedThrough < compactedRevision;
  }

  private void beginCompaction(WriteTask.Compaction compaction) {
    compactionSuspended = false;
    if (compaction.revision() > compactedRevision) {
      try {
        setMeta(Schema.COMPACT_REVISION, compaction.revision());
        connection.commit();
      } catch (SQLException e) {
        log.error("recording compaction to revision {} failed", compaction.revision(), e);
        rollbackQuietly();
        compaction
            .done()
            .completeExceptionally(
                new StorageException(
                    StorageException.Code.INTERNAL, "", "compaction failed: " + e.getMessage(), e));
        return;
      }
      compactedRevision = compaction.revision();
    }
    compactionWaiters.add(compaction);
    completeCompactionWaiters();
  }

  /**
   * Removes the rows made obsolete by the rows in {@code (compactedThrough, target]}, at most
   * {@code compactionBatchSize} of them per transaction: a row with revision {@code <= target}
   * supersedes its predecessor, and a tombstone with revision {@code <= target} is itself obsolete.
   * What remains at or below the target is exactly the latest live row of every key.
   */
  private void compactOneBatch() {
    long target = compactedRevision;
    long through;
    try {
      List<long[]> page = new ArrayList<>(compactionBatchSize);
      selectCompactionPage.setLong(1, compactedThrough);
      selectCompactionPage.setLong(2, target);
      selectCompactionPage.setInt(3, compactionBatchSize);
      try (ResultSet rows = selectCompactionPage.executeQuery()) {
        while (rows.next()) {
          page.add(new long[] {rows.getLong(1), rows.getLong(2), rows.getInt(3)});
        }
      }
      for (long[] row : page) {
        if (row[1] > 0) {
          deleteRow.setLong(1, row[1]);
          deleteRow.addBatch();
        }
        if (row[2] != 0) {
          deleteRow.setLong(1, row[0]);
          deleteRow.addBatch();
        }
      }
      deleteRow.executeBatch();
      through = page.size() < compactionBatchSize ? target : page.get(page.size() - 1)[0];
      setMeta(Schema.COMPACTED_THROUGH, through);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      log.error("compaction batch after revision {} failed; suspended", compactedThrough, e);
      rollbackQuietly();
      compactionSuspended = true;
      for (WriteTask.Compaction waiter : compactionWaiters) {
        waiter
            .done()
            .completeExceptionally(
                new StorageException(
                    StorageException.Code.INTERNAL, "", "compaction failed: " + e.getMessage(), e));
      }
      compactionWaiters.clear();
      return;
    }
    compactedThrough = through;
    completeCompactionWaiters();
  }

  private void completeCompactionWaiters() {
    for (Iterator<WriteTask.Compaction> it = compactionWaiters.iterator(); it.hasNext(); ) {
      WriteTask.Compaction waiter = it.next();
      if (waiter.revision() <= compactedThrough) {
        waiter.done().complete(null);
        it.remove();
      }
    }
  }

  private void setMeta(String name, long value) throws SQLException {
    updateMeta.setLong(1, value);
    updateMeta.setString(2, name);
    updateMeta.executeUpdate();
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("rollback failed", e);
    }
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("closing the write connection failed", e);
    }
  }
}
