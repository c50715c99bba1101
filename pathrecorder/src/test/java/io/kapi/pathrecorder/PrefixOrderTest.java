package io.kapi.pathrecorder;

import static io.kapi.pathrecorder.TestHandlers.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.pathrecorder.PathRecorderMux.Match.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the hashed longest-prefix lookup against a literal model of upstream's routing: sort the
 * prefixes by priority (more '/' first, then longer, then reverse lexicographic) and take the first
 * one the path starts with.
 */
class PrefixOrderTest {
  private static final String[] SEGMENTS = {"a", "b", "ab", "Aa", "BB", "apis", "v1", ""};

  @Test
  void longestPrefixAgreesWithUpstreamPriorityOrderOnRandomPaths() {
    Random random = new Random(20240601);
    for (int round = 0; round < 50; round++) {
      Set<String> prefixes = new LinkedHashSet<>();
      int count = 1 + random.nextInt(40);
      while (prefixes.size() < count) {
        prefixes.add(randomPath(random) + "/");
      }
      PathRecorderMux mux = new PathRecorderMux("order");
      for (String prefix : prefixes) {
        mux.handlePrefix(prefix, named(prefix));
      }
      List<String> byPriority = new ArrayList<>(prefixes);
      byPriority.sort(upstreamPriority().reversed());

      for (int i = 0; i < 200; i++) {
        String path = randomPath(random) + (random.nextBoolean() ? "/" : "");
        String expected = byPriority.stream().filter(path::startsWith).findFirst().orElse(null);
        PathRecorderMux.Match actual = mux.match(path);
        if (expected == null) {
          assertThat(actual.kind()).as("path %s among %s", path, prefixes).isEqualTo(Kind.NOT_FOUND);
        } else {
          assertThat(actual.kind()).as("path %s among %s", path, prefixes).isEqualTo(Kind.PREFIX);
          assertThat(actual.pattern()).as("path %s among %s", path, prefixes).isEqualTo(expected);
          assertThat(actual.handler().toString()).isEqualTo(expected);
        }
      }
    }
  }

  /** Upstream's byPrefixPriority "less": fewer slashes, then shorter, then lexicographically smaller. */
  private static Comparator<String> upstreamPriority() {
    return Comparator.<String>comparingLong(s -> s.chars().filter(c -> c == '/').count())
        .thenComparingInt(String::length)
        .thenComparing(Comparator.naturalOrder());
  }

  private static String randomPath(Random random) {
    StringBuilder b = new StringBuilder();
    int depth = random.nextInt(5);
    for (int i = 0; i < depth; i++) {
      b.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
    }
    return b.toString();
  }
}
