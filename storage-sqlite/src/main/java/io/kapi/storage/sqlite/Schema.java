package io.kapi.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The database layout and how connections to it are opened.
 *
 * <p>Table {@code kv} holds one row per write; the row id is the write's revision. The latest row
 * of a key is its current state: a live value, or a tombstone ({@code deleted = 1}) whose
 * {@code value} is the last value before the delete. {@code prev_revision} links a row to the
 * previous row of the same key, which compaction uses to find superseded rows. Table {@code meta}
 * holds the compacted revision and how far compaction has physically progressed.
 */
final class Schema {
  static final int VERSION = 1;

  static final String COMPACT_REVISION = "compact_revision";
  static final String COMPACTED_THROUGH = "compacted_through";
  private static final String SCHEMA_VERSION = "schema_version";

  private static final String[] DDL = {
    "CREATE TABLE IF NOT EXISTS kv ("
        + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        + " name TEXT NOT NULL,"
        + " created INTEGER NOT NULL,"
        + " deleted INTEGER NOT NULL,"
        + " create_revision INTEGER NOT NULL,"
        + " prev_revision INTEGER NOT NULL,"
        + " value BLOB NOT NULL,"
        + " old_value BLOB)",
    // latest row of a key, and the "latest row at revision R" test of list, from the index alone
    "CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id, deleted)",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT OR IGNORE INTO meta (name, value) VALUES"
        + " ('" + SCHEMA_VERSION + "', " + VERSION + "),"
        + " ('" + COMPACT_REVISION + "', 0),"
        + " ('" + COMPACTED_THROUGH + "', 0)",
  };

  private Schema() {}

  /** Opens the single write connection in WAL mode and creates the schema. */
  static Connection openWriter(Path file, Durability durability) throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(durability.synchronousMode());
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection connection = config.createConnection(url(file));
    try {
      try (Statement statement = connection.createStatement()) {
        for (String ddl : DDL) {
          statement.execute(ddl);
        }
      }
      long version = readMeta(connection, SCHEMA_VERSION);
      if (version != VERSION) {
        throw new IllegalStateException(
            "unsupported schema version " + version + " in " + file + " (expected " + VERSION
                + ")");
      }
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** Opens one read connection; it refuses writes. */
  static Connection openReader(Path file) throws SQLException {
    SQLiteConfig config = baseConfig();
    Connection connection = config.createConnection(url(file));
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = 1");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  static long readMeta(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new SQLException("missing meta row " + name);
        }
        return rows.getLong(1);
      }
    }
  }

  /**
   * The newest revision ever assigned: the AUTOINCREMENT high-water mark survives the compaction of
   * the newest row (a tombstone), so revisions are never reused after a restart.
   */
  static long readCurrentRevision(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'kv'), 0),"
                    + " coalesce((SELECT max(id) FROM kv), 0))")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static SQLiteConfig baseConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    return config;
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }
}
