package io.kapi.storage.sqlite;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.ListResult;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable {@link Storage}: one SQLite database file in WAL mode, in the style of kine.
 *
 * <p>Every write is a row of one table whose id is the write's revision; the newest row of a key is
 * its current value and a delete writes a tombstone row. Writes from all threads are grouped into
 * shared transactions by a single writer thread (group commit), so throughput is not bounded by one
 * {@code fsync} per write, yet each call returns only after its transaction has committed with the
 * configured {@link Durability} ({@link Durability#SURVIVES_POWER_LOSS} by default). Reads use a
 * small pool of read connections and never wait for the writer. Watches are fed in process by the
 * writer after each commit; a watch from an older revision first catches up from the table. A
 * background task compacts history older than a retention window (5 minutes by default); the
 * compacted revision is persisted, so reads and watches below it fail with {@code COMPACTED} after
 * a restart too.
 *
 * <pre>{@code
 * try (SqliteStorage storage = SqliteStorage.open(Path.of("/var/lib/kapi/kapi.db"))) {
 *   KeyValue created = storage.create("/registry/pods/default/nginx", json);
 * }
 * }</pre>
 *
 * <p>One process may have the database open at a time (enforced with a lock file next to it).
 * Thread-safe.
 */
public final class SqliteStorage implements Storage {
  private static final Logger log = LoggerFactory.getLogger(SqliteStorage.class);
  private static final AtomicInteger WATCH_THREADS = new AtomicInteger();

  private final Path file;
  private final FileChannel lockChannel;
  private final GroupCommitWriter writer;
  private final ReadPool reads;
  private final WatchHub hub;
  private final ExecutorService watchExecutor;
  private final @Nullable ScheduledExecutorService compactor;
  private final int maxPendingWatchEvents;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final EventLog eventLog =
      new EventLog() {
        @Override
        public long currentRevision() {
          return writer.currentRevision();
        }

        @Override
        public long compactedRevision() {
          return writer.compactedRevision();
        }

        @Override
        public List<StorageEvent> read(KeyRange range, long after, long upTo, int limit) {
          return reads.events(range, after, upTo, limit);
        }
      };

  private SqliteStorage(Builder builder, FileChannel lockChannel, WatchHub hub,
      GroupCommitWriter writer, ReadPool reads) {
    this.file = builder.file;
    this.lockChannel = lockChannel;
    this.hub = hub;
    this.writer = writer;
    this.reads = reads;
    this.maxPendingWatchEvents = builder.maxPendingWatchEvents;
    this.watchExecutor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread =
                  new Thread(runnable, "kapi-sqlite-watch-" + WATCH_THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    writer.start();
    if (builder.backgroundCompaction) {
      BackgroundCompactor background =
          new BackgroundCompactor(
              builder.retention,
              writer::currentRevision,
              writer::compactedRevision,
              this::compact,
              System::nanoTime);
      this.compactor = background.schedule(builder.compactionInterval);
    } else {
      this.compactor = null;
    }
  }

  /**
   * Opens (creating if needed) the database at {@code databaseFile} with the default options:
   * {@link Durability#SURVIVES_POWER_LOSS}, 5 minutes of retained history, compaction checked every
   * minute.
   *
   * @throws IllegalStateException if the database is already open, in this or another process
   * @throws StorageException {@code INTERNAL} if the file cannot be opened as a Kapi database
   */
  public static SqliteStorage open(Path databaseFile) {
    return builder(databaseFile).open();
  }

  /** Starts configuring a storage on {@code databaseFile}. */
  public static Builder builder(Path databaseFile) {
    return new Builder(checkNotNull(databaseFile, "databaseFile"));
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    checkKey(key);
    checkNotNull(value, "value");
    return writer.mutate(WriteTask.Kind.CREATE, key, value, 0).orThrow(key);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The future completes on the writer thread when the group commit holding the write is
   * durable; attach long-running callbacks with an executor.
   */
  @Override
  public CompletableFuture<KeyValue> createAsync(String key, byte[] value) {
    checkKey(key);
    checkNotNull(value, "value");
    CompletableFuture<KeyValue> created = new CompletableFuture<>();
    writer
        .mutateAsync(WriteTask.Kind.CREATE, key, value, 0)
        .whenComplete(
            (outcome, error) -> {
              if (error != null) {
                created.completeExceptionally(error);
                return;
              }
              try {
                created.complete(outcome.orThrow(key));
              } catch (StorageException e) {
                created.completeExceptionally(e); // as create would throw it, not wrapped
              }
            });
    return created;
  }

  @Override
  public Optional<KeyValue> get(String key) {
    checkKey(key);
    return reads.get(key);
  }

  @Override
  public ListResult list(ListRequest request) {
    checkNotNull(request, "request");
    String prefix = request.prefix();
    long current = writer.currentRevision();
    long revision = request.revision() == 0 ? current : request.revision();
    if (revision > current) {
      throw new StorageException(
          StorageException.Code.REVISION_TOO_LARGE,
          prefix,
          "revision " + revision + " is newer than the current revision " + current);
    }
    checkNotCompacted(revision, prefix);
    KeyRange range = KeyRange.ofPrefix(prefix);
    List<KeyValue> items = reads.list(range, request.startKey(), revision, request.limit());
    long remaining = 0;
    if (request.limit() > 0 && items.size() == request.limit()) {
      remaining = reads.countAfter(range, items.get(items.size() - 1).key(), revision);
    }
    // a compaction above the revision may have removed rows while we read
    checkNotCompacted(revision, prefix);
    return new ListResult(items, revision, remaining > 0, remaining);
  }

  @Override
  public KeyValue update(String key, long expectedModRevision, byte[] value) {
    checkKey(key);
    checkNotNull(value, "value");
    return writer.mutate(WriteTask.Kind.UPDATE, key, value, expectedModRevision).orThrow(key);
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    checkKey(key);
    checkArgument(
        expectedModRevision >= 0, "expectedModRevision must not be negative: %s",
        expectedModRevision);
    return writer.mutate(WriteTask.Kind.DELETE, key, new byte[0], expectedModRevision).orThrow(key);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Events are delivered on a shared pool of daemon threads. A listener that falls far behind
   * does not make the storage buffer without bound: its watch re-reads the missed events from the
   * table (which fails with {@code COMPACTED} if they have been compacted meanwhile).
   *
   * @throws StorageException {@code INTERNAL} if the storage is closed
   */
  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    checkNotNull(prefix, "prefix");
    checkNotNull(listener, "listener");
    checkArgument(fromRevision >= 0, "fromRevision must not be negative: %s", fromRevision);
    if (closed.get()) {
      throw new StorageException(StorageException.Code.INTERNAL, prefix, "storage is closed");
    }
    return new PrefixWatch(prefix, listener, watchExecutor, eventLog, hub, maxPendingWatchEvents)
        .start(fromRevision);
  }

  @Override
  public long currentRevision() {
    return writer.currentRevision();
  }

  @Override
  public long compactedRevision() {
    return writer.compactedRevision();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The compacted revision is recorded (durably) first; the call returns once the obsolete rows
   * are deleted, in transactions of at most the configured batch size interleaved with other
   * writes. If the process stops before that, the deletion resumes when the database is reopened.
   *
   * @throws IllegalArgumentException if {@code revision} is negative or newer than the current
   *     revision
   */
  @Override
  public void compact(long revision) {
    long current = writer.currentRevision();
    checkArgument(revision >= 0, "revision must not be negative: %s", revision);
    checkArgument(
        revision <= current,
        "cannot compact at %s, newer than the current revision %s",
        revision,
        current);
    writer.compact(revision);
  }

  /**
   * Completes the writes already queued, ends all watches (their listeners are not called again),
   * and closes the database. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (compactor != null) {
      compactor.shutdownNow();
      awaitQuietly(compactor);
    }
    writer.stop();
    hub.closeAll();
    watchExecutor.shutdown();
    awaitQuietly(watchExecutor);
    reads.close();
    try {
      lockChannel.close(); // releases the lock
    } catch (IOException e) {
      log.warn("releasing the lock on {} failed", file, e);
    }
  }

  @Override
  public String toString() {
    return "SqliteStorage{" + file + "}";
  }

  /** Transactions of writes committed since opening (for tests and benchmarks). */
  long groupCommits() {
    return writer.groupCommits();
  }

  /** Open watches (for tests). */
  int openWatches() {
    return hub.size();
  }

  private void checkNotCompacted(long revision, String prefix) {
    long compacted = writer.compactedRevision();
    if (revision < compacted) {
      throw new StorageException(
          StorageException.Code.COMPACTED,
          prefix,
          "revision " + revision + " has been compacted (compacted revision " + compacted + ")");
    }
  }

  private static void checkKey(String key) {
    checkNotNull(key, "key");
    checkArgument(!key.isEmpty(), "key must not be empty");
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("threads of the SQLite storage did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Options of a {@link SqliteStorage}.
   *
   * <pre>{@code
   * SqliteStorage storage = SqliteStorage.builder(path)
   *     .retention(Duration.ofMinutes(10))
   *     .compactionInterval(Duration.ofMinutes(1))
   *     .open();
   * }</pre>
   */
  public static final class Builder {
    private final Path file;
    private Duration retention = Duration.ofMinutes(5);
    private Duration compactionInterval = Duration.ofMinutes(1);
    private boolean backgroundCompaction = true;
    private int compactionBatchSize = 1000;
    private int readConnections = 4;
    private Durability durability = Durability.SURVIVES_POWER_LOSS;
    private int maxPendingWatchEvents = 10_000;

    private Builder(Path file) {
      this.file = file;
    }

    /** How long history is kept before the background compactor removes it (default 5 min). */
    public Builder retention(Duration retention) {
      checkNotNull(retention, "retention");
      checkArgument(retention.compareTo(Duration.ZERO) > 0, "retention must be positive: %s",
          retention);
      this.retention = retention;
      return this;
    }

    /** How often the background compactor runs (default 1 min). */
    public Builder compactionInterval(Duration interval) {
      checkNotNull(interval, "interval");
      checkArgument(interval.compareTo(Duration.ZERO) > 0,
          "compaction interval must be positive: %s", interval);
      this.compactionInterval = interval;
      return this;
    }

    /** Whether history is compacted automatically (default true); {@link #compact} always works. */
    public Builder backgroundCompaction(boolean enabled) {
      this.backgroundCompaction = enabled;
      return this;
    }

    /** How many rows one compaction transaction examines at most (default 1000). */
    public Builder compactionBatchSize(int rows) {
      checkArgument(rows > 0, "compaction batch size must be positive: %s", rows);
      this.compactionBatchSize = rows;
      return this;
    }

    /** How many read connections to pool (default 4). */
    public Builder readConnections(int connections) {
      checkArgument(connections > 0, "read connections must be positive: %s", connections);
      this.readConnections = connections;
      return this;
    }

    /** When a write counts as durable (default {@link Durability#SURVIVES_POWER_LOSS}). */
    public Builder durability(Durability durability) {
      this.durability = checkNotNull(durability, "durability");
      return this;
    }

    /** Events a watch may hold for a slow listener before it re-reads from the table. */
    Builder maxPendingWatchEvents(int events) {
      checkArgument(events > 0, "max pending watch events must be positive: %s", events);
      this.maxPendingWatchEvents = events;
      return this;
    }

    /**
     * Opens the database, creating it if needed.
     *
     * @throws IllegalStateException if the database is already open, in this or another process
     * @throws StorageException {@code INTERNAL} if the file cannot be opened as a Kapi database
     */
    public SqliteStorage open() {
      FileChannel lockChannel = lock(file);
      Connection connection = null;
      try {
        WatchHub hub = new WatchHub();
        connection = Schema.openWriter(file, durability);
        GroupCommitWriter writer =
            new GroupCommitWriter(connection, compactionBatchSize, hub::publish);
        hub.published(writer.currentRevision());
        ReadPool reads = ReadPool.open(file, readConnections);
        return new SqliteStorage(this, lockChannel, hub, writer, reads);
      } catch (SQLException | RuntimeException e) {
        closeQuietly(connection);
        closeQuietly(lockChannel);
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new StorageException(
            StorageException.Code.INTERNAL, file.toString(),
            "cannot open SQLite database " + file + ": " + e.getMessage(), e);
      }
    }

    private static FileChannel lock(Path file) {
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      FileChannel channel;
      try {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new StorageException(
            StorageException.Code.INTERNAL, file.toString(), "cannot create " + lockFile, e);
      }
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        closeQuietly(channel);
        throw new IllegalStateException(file + " is already open in this process", e);
      } catch (IOException e) {
        closeQuietly(channel);
        throw new StorageException(
            StorageException.Code.INTERNAL, file.toString(), "cannot lock " + lockFile, e);
      }
      if (lock == null) {
        closeQuietly(channel);
        throw new IllegalStateException(file + " is already open in another process");
      }
      return channel;
    }

    private static void closeQuietly(@Nullable AutoCloseable closeable) {
      if (closeable == null) {
        return;
      }
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("closing {} failed", closeable, e);
      }
    }
  }
}
