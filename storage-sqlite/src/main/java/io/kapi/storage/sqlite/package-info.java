/**
 * The embedded durable storage backend: SQLite in WAL mode, one revisioned table in the style of
 * kine, group commit, in-process watches and background compaction.
 *
 * <p>Start with {@link io.kapi.storage.sqlite.SqliteStorage#open(java.nio.file.Path)} or {@link
 * io.kapi.storage.sqlite.SqliteStorage#builder(java.nio.file.Path)}; everything else is internal.
 */
@NullMarked
package io.kapi.storage.sqlite;

import org.jspecify.annotations.NullMarked;
