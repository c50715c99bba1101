package io.kapi.pathrecorder;

import static io.kapi.pathrecorder.TestHandlers.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.pathrecorder.PathRecorderMux.Match;
import io.kapi.pathrecorder.PathRecorderMux.Match.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the hashed single-pass routing against a literal model of upstream's: look the path up
 * among the exact paths; else sort the prefixes by priority (more '/' first, then longer, then
 * reverse lexicographic) and take the first one the path starts with; else not found.
 */
class RoutingModelTest {
  /**
   * Few, short segments so that random paths often share prefixes; "Aa" and "BB" collide in hash.
   */
  private static final String[] SEGMENTS = {"a", "b", "ab", "Aa", "BB", "apis", "v1", ""};

  @Test
  void routingAgreesWithUpstreamModelOnRandomRegistrationsAndPaths() {
    Random random = new Random(20240601);
    for (int round = 0; round < 100; round++) {
      Set<String> prefixes = new LinkedHashSet<>();
      Set<String> exacts = new LinkedHashSet<>();
      int prefixCount = random.nextInt(40);
      while (prefixes.size() < prefixCount) {
        prefixes.add(randomPath(random) + "/");
      }
      int exactCount = random.nextInt(20);
      while (exacts.size() < exactCount) {
        exacts.add(randomPath(random) + (random.nextBoolean() ? "/" : ""));
      }
      PathRecorderMux mux = new PathRecorderMux("model");
      prefixes.forEach(p -> mux.handlePrefix(p, named("prefix " + p)));
      exacts.forEach(p -> mux.handle(p, named("exact " + p)));
      List<String> byPriority = new ArrayList<>(prefixes);
      byPriority.sort(upstreamPriority().reversed());

      for (int i = 0; i < 200; i++) {
        String path = randomPath(random) + (random.nextBoolean() ? "/" : "");
        Match actual = mux.match(path);
        String description =
            "path " + path + " among exact " + exacts + " and prefixes " + prefixes;
        if (exacts.contains(path)) {
          assertThat(actual.kind()).as(description).isEqualTo(Kind.EXACT);
          assertThat(actual.pattern()).as(description).isEqualTo(path);
          assertThat(actual.handler().toString()).isEqualTo("exact " + path);
          continue;
        }
        String expected = byPriority.stream().filter(path::startsWith).findFirst().orElse(null);
        if (expected == null) {
          assertThat(actual.kind()).as(description).isEqualTo(Kind.NOT_FOUND);
        } else {
          assertThat(actual.kind()).as(description).isEqualTo(Kind.PREFIX);
          assertThat(actual.pattern()).as(description).isEqualTo(expected);
          assertThat(actual.handler().toString()).isEqualTo("prefix " + expected);
        }
      }
    }
  }

  /**
   * Upstream's byPrefixPriority "less": fewer slashes, then shorter, then lexicographically
   * smaller.
   */
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
