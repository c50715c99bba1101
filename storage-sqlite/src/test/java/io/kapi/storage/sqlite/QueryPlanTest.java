package io.kapi.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hot queries are answered through an index or the revision key, never by a table scan. */
class QueryPlanTest {
  private static final KeyRange PODS = KeyRange.ofPrefix("/registry/pods/");

  @TempDir Path dir;

  private List<String> plan(String sql) throws SQLException {
    Path file = dir.resolve("plan.db");
    SqliteStorage.builder(file).backgroundCompaction(false).open().close(); // creates the schema
    List<String> lines = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      while (rows.next()) {
        lines.add(rows.getString("detail"));
      }
    }
    return lines;
  }

  @Test
  void latestRowOfAKeyUsesTheNameIndex() throws SQLException {
    assertThat(plan(ReadPool.GET)).containsExactly("SEARCH kv USING INDEX kv_name_id (name=?)");
    assertThat(plan(GroupCommitWriter.SELECT_LATEST))
        .containsExactly("SEARCH kv USING INDEX kv_name_id (name=?)");
  }

  @Test
  void listAtARevisionSearchesTheNameRangeAndTheLatestRowPerKey() throws SQLException {
    List<String> plan = plan(ReadPool.withEnd(ReadPool.LIST, PODS, "k.name"));

    assertThat(plan).noneMatch(line -> line.startsWith("SCAN"));
    assertThat(plan).noneMatch(line -> line.contains("TEMP B-TREE")); // the index gives the order
    assertThat(plan).contains("SEARCH k USING INDEX kv_name_id (name>? AND name<?)");
    assertThat(plan).anyMatch(line -> line.contains("COVERING INDEX kv_name_id (name=? AND id<?)"));
  }

  @Test
  void countingTheRestOfAListReadsOnlyTheIndex() throws SQLException {
    List<String> plan = plan(ReadPool.withEnd(ReadPool.COUNT_AFTER, PODS, "k.name"));

    assertThat(plan).noneMatch(line -> line.startsWith("SCAN"));
    assertThat(plan).allMatch(line -> !line.startsWith("SEARCH") || line.contains("COVERING"));
  }

  @Test
  void watchCatchUpAndCompactionReadARevisionRange() throws SQLException {
    assertThat(plan(ReadPool.withEnd(ReadPool.EVENTS, PODS, "name")))
        .containsExactly("SEARCH kv USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
    assertThat(plan(GroupCommitWriter.COMPACTION_PAGE))
        .containsExactly("SEARCH kv USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
  }
}
