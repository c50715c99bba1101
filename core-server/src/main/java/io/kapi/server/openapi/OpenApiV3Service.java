package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.codec.MediaType;
import io.kapi.api.errors.ApiErrors;
import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves OpenAPI v3 as kube-apiserver does ({@code kube-openapi}'s {@code handler3}): one document
 * per group-version path, {@code /openapi/v3} listing them as {@code
 * {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<HEX>"}}}} where the hash is the
 * upper-case hex SHA-512 of the document, and {@code /openapi/v3/<path>} serving one document.
 *
 * <pre>{@code
 * OpenApiV3Service openApi = OpenApiV3Service.create();
 * openApi.put("api/v1", OpenApiDocumentBuilder.builder().webService(coreV1).schemas(s).build());
 * openApi.install(server.handler().nonGoRestfulMux());
 * }</pre>
 *
 * <p>HTTP behaviour: every answer carries {@code Etag} (the quoted hash) and the documents {@code
 * Vary: Accept}; {@code If-None-Match} (or {@code If-Modified-Since}) answers 304; a document asked
 * for with a stale {@code ?hash=} is redirected (301) to its current hash URL, one asked for with
 * the current hash is {@code Cache-Control: public, immutable} and expires in a year. Documents are
 * JSON only: an {@code Accept} that allows no JSON (e.g. only protobuf) gets 406, an unknown path
 * 404, both as a {@code Status}.
 *
 * <p>Thread-safe: {@link #put} and {@link #remove} may run at any time (CRDs come and go); each
 * document is serialized once per change, and requests read an immutable snapshot without locks.
 */
public final class OpenApiV3Service {
  /** The index path. */
  public static final String PATH = "/openapi/v3";

  private static final String PREFIX = PATH + "/";
  private static final String JSON = "application/json";

  /** One serialized document. */
  record Document(JsonNode tree, byte[] json, String etag, Instant lastModified) {}

  /** Everything served at one moment. */
  record Snapshot(
      long generation,
      SortedMap<String, Document> documents,
      byte[] index,
      String indexEtag,
      Instant indexModified) {}

  private final AtomicLong generations = new AtomicLong();
  private volatile Snapshot snapshot;

  private OpenApiV3Service() {
    snapshot = snapshot(new TreeMap<>());
  }

  /** A service serving no documents yet. */
  public static OpenApiV3Service create() {
    return new OpenApiV3Service();
  }

  /**
   * Serves {@code document} at {@code /openapi/v3/<groupVersionPath>} (replacing what was there)
   * and lists it in the index. The document is copied and serialized now; putting an equal document
   * again changes nothing (same hash, same modification time).
   *
   * @param groupVersionPath e.g. {@code api/v1} or {@code apis/apps/v1}: no leading or trailing
   *     slash, no empty segment
   * @throws IllegalArgumentException if the path is malformed or the document is not an object
   */
  public void put(String groupVersionPath, JsonNode document) {
    checkPath(groupVersionPath);
    checkNotNull(document, "document");
    checkArgument(
        document.isObject(), "the OpenAPI document of %s is not an object", groupVersionPath);
    JsonNode tree = CanonicalJson.sortedCopy(document);
    byte[] json = CanonicalJson.encode(tree);
    String etag = CanonicalJson.sha512Hex(json);
    synchronized (this) {
      Document existing = snapshot.documents().get(groupVersionPath);
      if (existing != null && existing.etag().equals(etag)) {
        return;
      }
      SortedMap<String, Document> documents = new TreeMap<>(snapshot.documents());
      documents.put(groupVersionPath, new Document(tree, json, etag, Instant.now()));
      snapshot = snapshot(documents);
    }
  }

  /** Stops serving the document at {@code groupVersionPath}; returns whether there was one. */
  public boolean remove(String groupVersionPath) {
    checkNotNull(groupVersionPath, "groupVersionPath");
    synchronized (this) {
      if (!snapshot.documents().containsKey(groupVersionPath)) {
        return false;
      }
      SortedMap<String, Document> documents = new TreeMap<>(snapshot.documents());
      documents.remove(groupVersionPath);
      snapshot = snapshot(documents);
      return true;
    }
  }

  /** The group-version paths served, sorted. */
  public SortedSet<String> groupVersionPaths() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(snapshot.documents().keySet()));
  }

  /** A copy of the document served at {@code groupVersionPath}, if any. */
  public Optional<JsonNode> document(String groupVersionPath) {
    Document document = snapshot.documents().get(groupVersionPath);
    return document == null ? Optional.empty() : Optional.of(document.tree().deepCopy());
  }

  /** The hash (upper-case hex SHA-512) of the document at {@code groupVersionPath}, if any. */
  public Optional<String> hash(String groupVersionPath) {
    Document document = snapshot.documents().get(groupVersionPath);
    return document == null ? Optional.empty() : Optional.of(document.etag());
  }

  /**
   * Registers the listed exact path {@code /openapi/v3} (the index) and the listed prefix {@code
   * /openapi/v3/} (the documents) in {@code mux}, as upstream does.
   */
  public void install(PathRecorderMux mux) {
    checkNotNull(mux, "mux");
    mux.handle(PATH, indexHandler());
    mux.handlePrefix(PREFIX, documentHandler());
  }

  /** The handler of {@code /openapi/v3}. */
  HttpHandler indexHandler() {
    return this::serveIndex;
  }

  /** The handler of {@code /openapi/v3/<path>}. */
  HttpHandler documentHandler() {
    return this::serveDocument;
  }

  /** The current snapshot (for {@link OpenApiV2Service}). */
  Snapshot snapshot() {
    return snapshot;
  }

  private Snapshot snapshot(SortedMap<String, Document> documents) {
    ObjectNode index = JsonNodeFactory.instance.objectNode();
    ObjectNode paths = index.putObject("paths");
    for (Map.Entry<String, Document> e : documents.entrySet()) {
      paths.putObject(e.getKey()).put("serverRelativeURL", url(e.getKey(), e.getValue().etag()));
    }
    byte[] bytes = CanonicalJson.encode(index);
    return new Snapshot(
        generations.incrementAndGet(),
        Collections.unmodifiableSortedMap(documents),
        bytes,
        CanonicalJson.sha512Hex(bytes),
        Instant.now());
  }

  private static String url(String groupVersionPath, String hash) {
    return PREFIX + groupVersionPath + "?hash=" + hash;
  }

  private static void checkPath(String path) {
    checkNotNull(path, "groupVersionPath");
    checkArgument(!path.isEmpty(), "the group-version path must not be empty");
    checkArgument(
        !path.startsWith("/") && !path.endsWith("/") && !path.contains("//"),
        "group-version path %s must be like api/v1 or apis/apps/v1",
        path);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      checkArgument(
          c > ' ' && c < 0x7f && c != '?' && c != '#' && c != '%',
          "group-version path %s has a character that needs escaping",
          path);
    }
  }

  private void serveIndex(HttpServerExchange exchange) {
    Snapshot current = snapshot;
    String quoted = quote(current.indexEtag());
    exchange.getResponseHeaders().put(Headers.ETAG, quoted);
    exchange
        .getResponseHeaders()
        .put(Headers.LAST_MODIFIED, HttpCaching.httpDate(current.indexModified()));
    if (HttpCaching.notModified(exchange, quoted, current.indexModified())) {
      HttpCaching.writeNotModified(exchange);
      return;
    }
    Responses.writeBytes(exchange, 200, JSON, current.index());
  }

  private void serveDocument(HttpServerExchange exchange) {
    String path = exchange.getRequestPath();
    String groupVersionPath = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
    exchange.getResponseHeaders().put(Headers.VARY, "Accept");
    Document document = snapshot.documents().get(groupVersionPath);
    if (document == null) {
      Responses.writeError(exchange, ApiErrors.pathNotFound());
      return;
    }
    if (!acceptsJson(exchange.getRequestHeaders().getFirst(Headers.ACCEPT))) {
      Responses.writeError(exchange, ApiErrors.notAcceptable(List.of(JSON)));
      return;
    }
    String quoted = quote(document.etag());
    exchange.getResponseHeaders().put(Headers.ETAG, quoted);
    String hash = queryParameter(exchange, "hash");
    if (!hash.isEmpty()) {
      if (!hash.equals(document.etag())) {
        // as upstream, the redirect keeps the JSON content type and has no body
        exchange.getResponseHeaders().put(Headers.LOCATION, url(groupVersionPath, document.etag()));
        Responses.writeBytes(exchange, 301, JSON, new byte[0]);
        return;
      }
      exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "public, immutable");
      exchange
          .getResponseHeaders()
          .put(
              Headers.EXPIRES,
              HttpCaching.httpDate(Instant.now().atZone(ZoneOffset.UTC).plusYears(1).toInstant()));
    }
    exchange
        .getResponseHeaders()
        .put(Headers.LAST_MODIFIED, HttpCaching.httpDate(document.lastModified()));
    if (HttpCaching.notModified(exchange, quoted, document.lastModified())) {
      HttpCaching.writeNotModified(exchange);
      return;
    }
    Responses.writeBytes(exchange, 200, JSON, document.json());
  }

  /**
   * Whether some clause of {@code accept} allows JSON. Upstream would serve protobuf to a clause it
   * reaches first; Kapi speaks only JSON, so it serves JSON to any header that allows it.
   */
  static boolean acceptsJson(@Nullable String accept) {
    for (MediaType clause : AcceptClauses.sorted(accept)) {
      if (AcceptClauses.accepts(clause, "application", "json")) {
        return true;
      }
    }
    return false;
  }

  static String queryParameter(HttpServerExchange exchange, String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    String first = values == null ? null : values.peekFirst();
    return first == null ? "" : first;
  }

  static String quote(String etag) {
    return "\"" + etag + "\"";
  }
}
