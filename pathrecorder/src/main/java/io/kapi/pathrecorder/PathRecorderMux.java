package io.kapi.pathrecorder;

import static com.google.common.base.Preconditions.checkNotNull;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP handler that routes a request path to the handler registered for it exactly, else to the
 * handler of the longest registered prefix, else to a not-found handler; and records the listed
 * paths that a server shows at {@code /}. It is kube-apiserver's {@code PathRecorderMux}: every
 * server in a delegation chain ends in one, and its not-found handler is the next server.
 *
 * <pre>{@code
 * PathRecorderMux mux = new PathRecorderMux("kube-apiserver");
 * mux.handle("/healthz", healthz);               // exact, listed
 * mux.unlistedHandle("/index.html", index);      // exact, not listed
 * mux.handlePrefix("/openapi/", openApi);        // everything under /openapi/, listed
 * mux.notFoundHandler(nextServer);
 * }</pre>
 *
 * <p>Rules, as upstream: an exact match wins over any prefix; among prefixes the most specific
 * (most {@code /} characters, i.e. longest) wins; a prefix matches by plain string prefix, so
 * {@code /openapi} does not match {@code /openapi/}, and exact {@code /a/} does not match {@code
 * /a}. Registering a path twice is not an error: it logs a warning and the new handler replaces the
 * old one (a listed path is then listed twice).
 *
 * <p>Thread safety: routing ({@link #match}, {@link #handleRequest}) never locks; it reads one
 * immutable snapshot that every mutator rebuilds and publishes atomically, so a request sees either
 * all or none of a concurrent change. Mutators are synchronized with each other.
 */
public final class PathRecorderMux implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(PathRecorderMux.class);

  private final String name;

  // Registration state, guarded by this; routing never reads it.
  private final Map<String, HttpHandler> exactHandlers = new HashMap<>();
  private final Map<String, HttpHandler> prefixHandlers = new HashMap<>();
  private final List<String> exposedPaths = new ArrayList<>();
  private final Set<String> registeredPaths = new HashSet<>();
  private HttpHandler notFoundHandler = DefaultNotFoundHandler.INSTANCE;

  /** The current routing snapshot; replaced, never mutated. */
  private volatile RoutingTable table;

  /**
   * Creates an empty mux whose not-found handler answers Go's plain-text 404.
   *
   * @param name the name shown in this mux's log lines, e.g. {@code kube-aggregator}
   */
  public PathRecorderMux(String name) {
    this.name = checkNotNull(name, "name");
    this.table = new RoutingTable(Map.of(), Map.of(), notFoundHandler);
  }

  /** The name shown in this mux's log lines. */
  public String name() {
    return name;
  }

  /** Registers {@code handler} for requests whose path equals {@code path}, and lists the path. */
  public synchronized void handle(String path, HttpHandler handler) {
    checkNotNull(path, "path");
    checkNotNull(handler, "handler");
    trackRegistration(path);
    exposedPaths.add(path);
    exactHandlers.put(path, handler);
    refresh();
  }

  /** Registers {@code handler} for requests whose path equals {@code path}, without listing it. */
  public synchronized void unlistedHandle(String path, HttpHandler handler) {
    checkNotNull(path, "path");
    checkNotNull(handler, "handler");
    trackRegistration(path);
    exactHandlers.put(path, handler);
    refresh();
  }

  /**
   * Registers {@code handler} for requests whose path starts with {@code prefix}, and lists the
   * prefix.
   *
   * @throws IllegalArgumentException if {@code prefix} does not end in {@code /}
   */
  public void handlePrefix(String prefix, HttpHandler handler) {
    checkPrefix(prefix);
    checkNotNull(handler, "handler");
    synchronized (this) {
      trackRegistration(prefix);
      exposedPaths.add(prefix);
      prefixHandlers.put(prefix, handler);
      refresh();
    }
  }

  /**
   * Registers {@code handler} for requests whose path starts with {@code prefix}, without listing
   * it.
   *
   * @throws IllegalArgumentException if {@code prefix} does not end in {@code /}
   */
  public void unlistedHandlePrefix(String prefix, HttpHandler handler) {
    checkPrefix(prefix);
    checkNotNull(handler, "handler");
    synchronized (this) {
      trackRegistration(prefix);
      prefixHandlers.put(prefix, handler);
      refresh();
    }
  }

  /**
   * Removes {@code path} as an exact path and as a prefix, and removes its first entry from the
   * listed paths. Unknown paths are ignored.
   */
  public synchronized void unregister(String path) {
    checkNotNull(path, "path");
    exactHandlers.remove(path);
    prefixHandlers.remove(path);
    registeredPaths.remove(path);
    exposedPaths.remove(path);
    refresh();
  }

  /** Sets the handler for requests that match no exact path and no prefix. */
  public synchronized void notFoundHandler(HttpHandler handler) {
    this.notFoundHandler = checkNotNull(handler, "handler");
    refresh();
  }

  /**
   * Returns the listed paths (those registered by {@link #handle} and {@link #handlePrefix}),
   * sorted ascending; a path registered twice appears twice. The list is an unmodifiable copy.
   */
  public synchronized List<String> listedPaths() {
    List<String> paths = new ArrayList<>(exposedPaths);
    paths.sort(null);
    return List.copyOf(paths);
  }

  /**
   * Decides which handler serves {@code path} (a decoded request path without query), without side
   * effects: neither logs nor allocates.
   */
  public Match match(String path) {
    return table.match(checkNotNull(path, "path"));
  }

  /**
   * Routes the exchange by {@link HttpServerExchange#getRequestPath()}, logs the decision at DEBUG,
   * and calls the chosen handler on the calling thread.
   */
  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    Match match = table.match(path);
    if (log.isDebugEnabled()) {
      logDecision(path, match);
    }
    match.handler().handleRequest(exchange);
  }

  @Override
  public String toString() {
    return "PathRecorderMux[" + name + "]";
  }

  private void logDecision(String path, Match match) {
    String quoted = GoQuote.quote(path);
    switch (match.kind()) {
      case EXACT -> log.debug("{}: {} satisfied by exact match", name, quoted);
      case PREFIX -> log.debug("{}: {} satisfied by prefix {}", name, quoted, match.pattern());
      case NOT_FOUND -> log.debug("{}: {} satisfied by NotFoundHandler", name, quoted);
    }
  }

  private static void checkPrefix(String prefix) {
    checkNotNull(prefix, "prefix");
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException(GoQuote.quote(prefix) + " must end in a trailing slash");
    }
  }

  /** Warns about a second registration of {@code path} (of any kind), as upstream does. */
  private void trackRegistration(String path) {
    if (!registeredPaths.add(path)) {
      log.warn("duplicate path registration of {}", GoQuote.quote(path));
    }
  }

  private void refresh() {
    table = new RoutingTable(exactHandlers, prefixHandlers, notFoundHandler);
  }

  /**
   * A routing decision: which kind of registration matched, its pattern (the exact path or the
   * prefix; empty for {@link Kind#NOT_FOUND}), and the handler that serves the request.
   */
  public record Match(Kind kind, String pattern, HttpHandler handler) {
    /** How a path was matched. */
    public enum Kind {
      /** The path equals a registered exact path. */
      EXACT,
      /** The path starts with a registered prefix and has no exact registration. */
      PREFIX,
      /** Nothing matched; the not-found handler serves the request. */
      NOT_FOUND
    }

    /** Creates a match; every component is required. */
    public Match {
      checkNotNull(kind, "kind");
      checkNotNull(pattern, "pattern");
      checkNotNull(handler, "handler");
    }
  }
}
