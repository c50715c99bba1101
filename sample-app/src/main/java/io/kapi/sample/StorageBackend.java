package io.kapi.sample;

import io.kapi.server.storage.Storage;
import io.kapi.server.storage.memory.MemoryStorage;
import io.kapi.storage.sqlite.SqliteStorage;
import java.nio.file.Path;

/**
 * Where the sample server keeps its objects ({@code --storage-backend}): {@code sqlite} (the
 * default, durable, {@code <data-dir>/kapi.db}) or {@code memory} (gone at exit).
 */
public enum StorageBackend {
  SQLITE,
  MEMORY;

  /** The database file of the SQLite backend inside {@code dataDir}. */
  public static final String SQLITE_FILE = "kapi.db";

  /** Opens this backend's storage for {@code dataDir}. */
  Storage open(Path dataDir) {
    return switch (this) {
      case SQLITE -> SqliteStorage.open(dataDir.resolve(SQLITE_FILE));
      case MEMORY -> MemoryStorage.create();
    };
  }
}
