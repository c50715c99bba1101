package io.kapi.server.registry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Names for {@code metadata.generateName} as upstream's {@code storage/names}: the base truncated to
 * 58 characters plus 5 random characters from an alphabet without vowels (no accidental words) and
 * without easily confused characters.
 */
final class NameGenerator {
  static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  static final int MAX_BASE_LENGTH = 58;
  static final int RANDOM_LENGTH = 5;

  private NameGenerator() {}

  static String generate(String base) {
    String prefix = base.length() > MAX_BASE_LENGTH ? base.substring(0, MAX_BASE_LENGTH) : base;
    StringBuilder name = new StringBuilder(prefix.length() + RANDOM_LENGTH).append(prefix);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }
}
