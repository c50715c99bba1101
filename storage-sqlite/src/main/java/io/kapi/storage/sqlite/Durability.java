package io.kapi.storage.sqlite;

import org.sqlite.SQLiteConfig;

/**
 * How hard a commit pushes data to disk before a write is acknowledged.
 *
 * <p>Both levels survive a crash of the process (including {@code SIGKILL}): a write is
 * acknowledged only after its transaction commits into the write-ahead log.
 */
public enum Durability {
  /**
   * {@code synchronous=FULL}: the write-ahead log is flushed to stable storage ({@code fsync}) by
   * every commit, so acknowledged writes also survive power loss and operating system crashes. The
   * default.
   */
  SURVIVES_POWER_LOSS(SQLiteConfig.SynchronousMode.FULL),
  /**
   * {@code synchronous=NORMAL}: commits reach the operating system but are flushed only at
   * checkpoints; acknowledged writes survive a process crash, while a power loss may drop the most
   * recent ones (never corrupting the database). Much faster on disks with slow {@code fsync}.
   */
  SURVIVES_PROCESS_CRASH(SQLiteConfig.SynchronousMode.NORMAL);

  private final SQLiteConfig.SynchronousMode synchronousMode;

  Durability(SQLiteConfig.SynchronousMode synchronousMode) {
    this.synchronousMode = synchronousMode;
  }

  SQLiteConfig.SynchronousMode synchronousMode() {
    return synchronousMode;
  }
}
