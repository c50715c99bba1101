package io.kapi.storage.sqlite;

import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.StorageEvent;
import io.kapi.server.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of read-only connections and the queries they run. In WAL mode every query reads a
 * consistent snapshot and never waits for the writer.
 *
 * <p>Queries at a revision {@code R} only look at rows with {@code id <= R}; such rows change only
 * by compaction, so callers compare the compacted revision after a query to detect a concurrent
 * one.
 */
final class ReadPool {
  private static final Logger log = LoggerFactory.getLogger(ReadPool.class);

  // "latest row of the key at revision ?" is answered from index kv_name_id
  private static final String LATEST_AT = " AND k.id = (SELECT max(m.id) FROM kv m"
      + " WHERE m.name = k.name AND m.id <= ?)";
  static final String LIST =
      "SELECT k.id, k.name, k.create_revision, k.value FROM kv k"
          + " WHERE k.name >= max(?, ?) %s AND k.id <= ? AND k.deleted = 0" + LATEST_AT
          + " ORDER BY k.name LIMIT ?";
  static final String COUNT_AFTER =
      "SELECT count(*) FROM kv k WHERE k.name > ? %s AND k.id <= ? AND k.deleted = 0" + LATEST_AT;
  static final String EVENTS =
      "SELECT id, name, created, deleted, value, old_value FROM kv"
          + " WHERE id > ? AND id <= ? AND name >= ? %s ORDER BY id LIMIT ?";
  static final String GET =
      "SELECT id, create_revision, deleted, value FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1";

  private final ArrayBlockingQueue<PooledConnection> idle;
  private final int size;
  private volatile boolean closed;

  private ReadPool(List<PooledConnection> connections) {
    this.size = connections.size();
    this.idle = new ArrayBlockingQueue<>(size, false, connections);
  }

  static ReadPool open(Path file, int size) throws SQLException {
    List<PooledConnection> connections = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        connections.add(new PooledConnection(Schema.openReader(file)));
      }
    } catch (SQLException e) {
      for (PooledConnection connection : connections) {
        connection.close();
      }
      throw e;
    }
    return new ReadPool(connections);
  }

  /** The latest live value of {@code key}. */
  Optional<KeyValue> get(String key) {
    return read(
        key,
        connection -> {
          PreparedStatement statement = connection.prepare(GET);
          statement.setString(1, key);
          try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next() || rows.getInt(3) != 0) {
              return Optional.empty();
            }
            return Optional.of(
                new KeyValue(key, rows.getBytes(4), rows.getLong(2), rows.getLong(1)));
          }
        });
  }

  /** Live keys of {@code range} at {@code revision}, from {@code startKey}, up to {@code limit}. */
  List<KeyValue> list(KeyRange range, String startKey, long revision, int limit) {
    return read(
        range.start(),
        connection -> {
          PreparedStatement statement = connection.prepare(withEnd(LIST, range, "k.name"));
          int i = 1;
          statement.setString(i++, range.start());
          statement.setString(i++, startKey);
          if (range.end() != null) {
            statement.setString(i++, range.end());
          }
          statement.setLong(i++, revision);
          statement.setLong(i++, revision);
          statement.setInt(i, limit == 0 ? -1 : limit);
          List<KeyValue> items = new ArrayList<>(limit == 0 ? 16 : limit);
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              items.add(
                  new KeyValue(
                      rows.getString(2), rows.getBytes(4), rows.getLong(3), rows.getLong(1)));
            }
          }
          return items;
        });
  }

  /** How many live keys of {@code range} at {@code revision} sort after {@code afterKey}. */
  long countAfter(KeyRange range, String afterKey, long revision) {
    return read(
        range.start(),
        connection -> {
          PreparedStatement statement = connection.prepare(withEnd(COUNT_AFTER, range, "k.name"));
          int i = 1;
          statement.setString(i++, afterKey);
          if (range.end() != null) {
            statement.setString(i++, range.end());
          }
          statement.setLong(i++, revision);
          statement.setLong(i, revision);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  /** Changes to keys of {@code range} with revisions in {@code (after, upTo]}, oldest first. */
  List<StorageEvent> events(KeyRange range, long after, long upTo, int limit) {
    return read(
        range.start(),
        connection -> {
          PreparedStatement statement = connection.prepare(withEnd(EVENTS, range, "name"));
          int i = 1;
          statement.setLong(i++, after);
          statement.setLong(i++, upTo);
          statement.setString(i++, range.start());
          if (range.end() != null) {
            statement.setString(i++, range.end());
          }
          statement.setInt(i, limit);
          List<StorageEvent> events = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              events.add(toEvent(rows));
            }
          }
          return events;
        });
  }

  private static StorageEvent toEvent(ResultSet row) throws SQLException {
    long revision = row.getLong(1);
    String key = row.getString(2);
    byte[] value = row.getBytes(5);
    if (row.getInt(4) != 0) {
      return new StorageEvent(StorageEvent.Type.DELETED, key, value, value, revision);
    }
    if (row.getInt(3) != 0) {
      return new StorageEvent(StorageEvent.Type.ADDED, key, value, null, revision);
    }
    return new StorageEvent(StorageEvent.Type.MODIFIED, key, value, row.getBytes(6), revision);
  }

  /** {@code sql} with its {@code %s} replaced by the range's upper bound, if it has one. */
  static String withEnd(String sql, KeyRange range, String column) {
    return String.format(sql, range.end() == null ? "" : "AND " + column + " < ?");
  }

  /**
   * Closes the pool: idle connections now, connections in use when their read returns (waiting a
   * few seconds for them).
   */
  void close() {
    closed = true;
    for (int i = 0; i < size; i++) {
      PooledConnection connection;
      try {
        connection = idle.poll(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (connection == null) {
        log.warn("a read connection was still in use when the storage closed");
        return;
      }
      connection.close();
    }
  }

  private <T> T read(String key, SqlWork<T> work) {
    PooledConnection connection = acquire(key);
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException(
          StorageException.Code.INTERNAL, key, "read failed: " + e.getMessage(), e);
    } finally {
      release(connection);
    }
  }

  private PooledConnection acquire(String key) {
    PooledConnection connection;
    try {
      do {
        if (closed) {
          throw new StorageException(StorageException.Code.INTERNAL, key, "storage is closed");
        }
        connection = idle.poll(100, TimeUnit.MILLISECONDS);
      } while (connection == null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(StorageException.Code.INTERNAL, key, "interrupted", e);
    }
    if (closed) {
      release(connection);
      throw new StorageException(StorageException.Code.INTERNAL, key, "storage is closed");
    }
    return connection;
  }

  private void release(PooledConnection connection) {
    idle.add(connection);
  }

  /** A query run on one borrowed connection. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run(PooledConnection connection) throws SQLException;
  }

  /** A read connection with its prepared statements, used by one thread at a time. */
  private static final class PooledConnection {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    PooledConnection(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement statement = statements.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
      }
      return statement;
    }

    void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        log.warn("closing a read connection failed", e);
      }
    }
  }
}
