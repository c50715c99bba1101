package io.kapi.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
  @TempDir Path dir;

  private static String pragma(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void writerUsesWalAndTheRequestedSynchronousMode() throws SQLException {
    try (Connection full =
        Schema.openWriter(dir.resolve("full.db"), Durability.SURVIVES_POWER_LOSS)) {
      assertThat(pragma(full, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(full, "synchronous")).isEqualTo("2"); // FULL
    }
    try (Connection normal =
        Schema.openWriter(dir.resolve("normal.db"), Durability.SURVIVES_PROCESS_CRASH)) {
      assertThat(pragma(normal, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(normal, "synchronous")).isEqualTo("1"); // NORMAL
    }
  }

  @Test
  void readersRefuseWrites() throws SQLException {
    Path file = dir.resolve("kapi.db");
    Schema.openWriter(file, Durability.SURVIVES_POWER_LOSS).close(); // creates the schema
    try (Connection reader = Schema.openReader(file);
        Statement statement = reader.createStatement()) {
      assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM kv"))
          .isInstanceOf(SQLException.class);
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM kv")) {
        assertThat(rows.next()).isTrue();
      }
    }
  }

  @Test
  void aDatabaseWithAnotherSchemaVersionIsRefused() throws SQLException {
    Path file = dir.resolve("kapi.db");
    try (Connection writer = Schema.openWriter(file, Durability.SURVIVES_POWER_LOSS);
        Statement statement = writer.createStatement()) {
      statement.executeUpdate("UPDATE meta SET value = 99 WHERE name = 'schema_version'");
      writer.commit();
    }

    assertThatThrownBy(() -> Schema.openWriter(file, Durability.SURVIVES_POWER_LOSS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unsupported schema version 99");
  }
}
