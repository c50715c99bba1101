package io.kapi.pathrecorder;

import io.kapi.pathrecorder.PathRecorderMux.Match;
import io.undertow.server.HttpHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * One immutable routing snapshot of a {@link PathRecorderMux}: exact paths, prefixes and the
 * not-found fallback, with every {@link Match} built up front so that routing allocates nothing.
 *
 * <p>The mux builds a new table on every registration change and publishes it through a volatile
 * field; requests read whichever table is current without locking.
 *
 * <p>Routing first probes the exact table, only if some exact path has the request's length. Then
 * it finds the longest matching prefix: every registered prefix ends in {@code /}, so the prefixes
 * that can match are exactly the leading parts {@code path[0, i]} ending at a {@code /}, and the
 * longest of them also has the most {@code /} characters, so it is the one upstream's priority
 * order (more slashes, then longer, then reverse lexicographic) would try first. One walk over the
 * path, no further than the longest prefix, computes the hash of each leading part incrementally
 * and probes the prefix table at each {@code /} of a registered prefix length, keeping the last
 * (longest) hit. Cost: one hash of the path plus one partial walk with a probe per candidate,
 * independent of how many paths are registered.
 */
final class RoutingTable {
  private final PathTable exact;
  private final PathTable prefixes;
  private final Match notFound;

  RoutingTable(
      Map<String, HttpHandler> exactHandlers,
      Map<String, HttpHandler> prefixHandlers,
      HttpHandler notFoundHandler) {
    this.exact = table(exactHandlers, Match.Kind.EXACT);
    this.prefixes = table(prefixHandlers, Match.Kind.PREFIX);
    this.notFound = new Match(Match.Kind.NOT_FOUND, "", notFoundHandler);
  }

  /** Exact match first, then the longest matching prefix, then the not-found handler. */
  Match match(String path) {
    int length = path.length();
    if (exact.hasLength(length)) {
      Match found = exact.find(path.hashCode(), path, length);
      if (found != null) {
        return found;
      }
    }
    int end = Math.min(length, prefixes.maxLength());
    Match best = notFound;
    int h = 0;
    for (int i = 0; i < end; i++) {
      char c = path.charAt(i);
      h = 31 * h + c;
      if (c == '/' && prefixes.hasLength(i + 1)) {
        Match found = prefixes.find(h, path, i + 1);
        if (found != null) {
          best = found;
        }
      }
    }
    return best;
  }

  private static PathTable table(Map<String, HttpHandler> handlers, Match.Kind kind) {
    if (handlers.isEmpty()) {
      return PathTable.EMPTY;
    }
    Map<String, Match> matches = new HashMap<>(handlers.size() * 2);
    handlers.forEach((path, handler) -> matches.put(path, new Match(kind, path, handler)));
    return new PathTable(matches);
  }
}
