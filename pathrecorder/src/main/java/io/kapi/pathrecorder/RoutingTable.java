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
 */
final class RoutingTable {
  private final Map<String, Match> exact;
  private final PrefixTable prefixes;
  private final Match notFound;

  RoutingTable(
      Map<String, HttpHandler> exactHandlers,
      Map<String, HttpHandler> prefixHandlers,
      HttpHandler notFoundHandler) {
    Map<String, Match> exact = new HashMap<>(Math.max(4, exactHandlers.size() * 2));
    exactHandlers.forEach((path, h) -> exact.put(path, new Match(Match.Kind.EXACT, path, h)));
    this.exact = exact;
    Map<String, Match> prefixMatches = new HashMap<>(Math.max(4, prefixHandlers.size() * 2));
    prefixHandlers.forEach(
        (prefix, h) -> prefixMatches.put(prefix, new Match(Match.Kind.PREFIX, prefix, h)));
    this.prefixes = prefixMatches.isEmpty() ? PrefixTable.EMPTY : new PrefixTable(prefixMatches);
    this.notFound = new Match(Match.Kind.NOT_FOUND, "", notFoundHandler);
  }

  /** Exact match first, then the longest matching prefix, then the not-found handler. */
  Match match(String path) {
    Match m = exact.get(path);
    if (m != null) {
      return m;
    }
    m = prefixes.longestPrefixOf(path);
    return m != null ? m : notFound;
  }
}
