package io.kapi.server.patch;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a field's patch strategies as upstream's {@code extractRetainKeysPatchStrategy} does:
 * {@code retainKeys} may accompany one other strategy, which is the one that decides how the field
 * merges.
 */
final class PatchStrategies {
  static final String MERGE = "merge";
  static final String REPLACE = "replace";
  static final String RETAIN_KEYS = "retainKeys";

  private PatchStrategies() {}

  static boolean isValid(List<String> strategies) {
    return switch (strategies.size()) {
      case 0, 1 -> true;
      case 2 -> strategies.get(0).equals(RETAIN_KEYS) || strategies.get(1).equals(RETAIN_KEYS);
      default -> false;
    };
  }

  /**
   * The strategy other than {@code retainKeys} ({@code merge}, {@code replace}, or null for none).
   *
   * @throws IllegalStateException for a combination upstream rejects, which is a schema bug
   */
  static @Nullable String mergeStrategy(List<String> strategies) {
    switch (strategies.size()) {
      case 0:
        return null;
      case 1:
        return strategies.get(0).equals(RETAIN_KEYS) ? null : strategies.get(0);
      case 2:
        if (strategies.get(0).equals(RETAIN_KEYS)) {
          return strategies.get(1);
        }
        if (strategies.get(1).equals(RETAIN_KEYS)) {
          return strategies.get(0);
        }
        break;
      default:
        break;
    }
    throw new IllegalStateException("unexpected patch strategy: " + strategies);
  }
}
