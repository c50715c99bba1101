package io.kapi.storage.sqlite;

import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared storage contract, run against a real SQLite file. */
class SqliteStorageContractTest extends StorageContractTest {
  @TempDir Path dir;

  @Override
  protected Storage newStorage() {
    return SqliteStorage.open(dir.resolve("contract.db"));
  }

  /** Each increment is a durable commit; 8 threads x 100 keep the test to a few seconds. */
  @Override
  protected int incrementsPerThread() {
    return 100;
  }
}
