package io.kapi.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The process {@link DurabilityTest} kills: creates keys from several threads until killed and
 * prints {@code ACK <key> <value> .} for every create that returned.
 *
 * <p>Arguments: database file, key prefix, number of writer threads, {@link Durability}.
 */
public final class DurabilityChild {
  private DurabilityChild() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int threads = Integer.parseInt(args[2]);
    SqliteStorage storage =
        SqliteStorage.builder(file)
            .backgroundCompaction(false)
            .durability(Durability.valueOf(args[3]))
            .open();
    System.out.println("READY");
    for (int t = 0; t < threads; t++) {
      int thread = t;
      new Thread(
              () -> {
                for (long i = 0; ; i++) {
                  String key = prefix + thread + "-" + i;
                  String value = "v" + ThreadLocalRandom.current().nextLong(1_000_000_000L);
                  storage.create(key, value.getBytes(UTF_8));
                  System.out.println("ACK " + key + " " + value + " .");
                }
              },
              "writer-" + t)
          .start();
    }
  }
}
