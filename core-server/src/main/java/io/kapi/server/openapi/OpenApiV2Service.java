package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.codec.MediaType;
import io.kapi.api.errors.ApiErrors;
import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Serves {@code /openapi/v2}: one Swagger 2.0 JSON document merged from every document of an {@link
 * OpenApiV3Service} (see {@link SwaggerConverter} for the conversion), with {@code Etag} (quoted
 * upper-case hex SHA-512), {@code Last-Modified}, {@code Vary: Accept} and 304 answers to {@code
 * If-None-Match} / {@code If-Modified-Since}, like upstream's {@code kube-openapi} handler.
 *
 * <p>The same document is served as protobuf ({@code
 * application/com.github.proto-openapi.spec.v2.v1.0+protobuf}, also asked for with {@code @v1.0};
 * see {@link SwaggerProtobuf}) when
 * the {@code Accept} header prefers it, as upstream does: kubectl asks for it to validate files
 * client-side that the OpenAPI v3 route cannot cover, such as {@code kind: List}. Each
 * representation has its own {@code Etag}; other media types get 406.
 *
 * <p>Thread-safe. The document is rebuilt and serialized at most once per change of the v3
 * documents, on the first request after the change.
 *
 * <pre>{@code
 * OpenApiV2Service.from(openApiV3).install(server.handler().nonGoRestfulMux());
 * }</pre>
 */
public final class OpenApiV2Service {
  /** The served path. */
  public static final String PATH = "/openapi/v2";

  private static final String JSON = "application/json";
  // kubectl asks for the older '@' spelling, which Go's mime parser rejects in a Content-Type:
  // both are accepted, the answer carries the '.' spelling (as upstream's kube-openapi does)
  private static final String PROTOBUF_SUBTYPE = "com.github.proto-openapi.spec.v2.v1.0+protobuf";
  private static final String PROTOBUF_SUBTYPE_DEPRECATED =
      "com.github.proto-openapi.spec.v2@v1.0+protobuf";
  private static final String PROTOBUF = "application/" + PROTOBUF_SUBTYPE;

  private record Cached(
      long generation,
      JsonNode tree,
      byte[] json,
      String etag,
      byte[] protobuf,
      String protobufEtag,
      Instant modified) {}

  private final OpenApiV3Service source;
  private final String title;
  private final String version;
  private volatile @Nullable Cached cached;

  private OpenApiV2Service(OpenApiV3Service source, String title, String version) {
    this.source = source;
    this.title = title;
    this.version = version;
  }

  /** The v2 view of {@code source}, titled {@code Kubernetes}, version {@code unversioned}. */
  public static OpenApiV2Service from(OpenApiV3Service source) {
    return from(source, "Kubernetes", "unversioned");
  }

  /** The v2 view of {@code source} with the given {@code info.title} and {@code info.version}. */
  public static OpenApiV2Service from(OpenApiV3Service source, String title, String version) {
    checkNotNull(source, "source");
    checkNotNull(title, "title");
    checkNotNull(version, "version");
    return new OpenApiV2Service(source, title, version);
  }

  /** A copy of the current Swagger 2.0 document. */
  public JsonNode document() {
    return current().tree().deepCopy();
  }

  /** Registers the listed exact path {@code /openapi/v2} in {@code mux}. */
  public void install(PathRecorderMux mux) {
    checkNotNull(mux, "mux");
    mux.handle(PATH, handler());
  }

  /** The handler of {@code /openapi/v2}. */
  HttpHandler handler() {
    return this::serve;
  }

  private Cached current() {
    OpenApiV3Service.Snapshot snapshot = source.snapshot();
    Cached now = cached;
    if (now != null && now.generation() == snapshot.generation()) {
      return now;
    }
    synchronized (this) {
      now = cached;
      if (now != null && now.generation() == snapshot.generation()) {
        return now;
      }
      List<JsonNode> documents = new ArrayList<>();
      for (OpenApiV3Service.Document document : snapshot.documents().values()) {
        documents.add(document.tree());
      }
      JsonNode tree = CanonicalJson.sortedCopy(SwaggerConverter.merge(documents, title, version));
      byte[] json = CanonicalJson.encode(tree);
      String etag = CanonicalJson.sha512Hex(json);
      Instant modified = now != null && now.etag().equals(etag) ? now.modified() : Instant.now();
      byte[] protobuf = SwaggerProtobuf.encode(tree);
      Cached rebuilt =
          new Cached(
              snapshot.generation(),
              tree,
              json,
              etag,
              protobuf,
              CanonicalJson.sha512Hex(protobuf),
              modified);
      cached = rebuilt;
      return rebuilt;
    }
  }

  private void serve(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.VARY, "Accept");
    String contentType = negotiate(exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
    if (contentType == null) {
      Responses.writeError(exchange, ApiErrors.notAcceptable(List.of(JSON, PROTOBUF)));
      return;
    }
    Cached document = current();
    boolean protobuf = contentType.equals(PROTOBUF);
    String quoted = OpenApiV3Service.quote(protobuf ? document.protobufEtag() : document.etag());
    exchange.getResponseHeaders().put(Headers.ETAG, quoted);
    exchange
        .getResponseHeaders()
        .put(Headers.LAST_MODIFIED, HttpCaching.httpDate(document.modified()));
    if (HttpCaching.notModified(exchange, quoted, document.modified())) {
      HttpCaching.writeNotModified(exchange);
      return;
    }
    Responses.writeBytes(
        exchange, 200, contentType, protobuf ? document.protobuf() : document.json());
  }

  /**
   * The representation for an {@code Accept} header: the first clause, by preference, that JSON
   * or the protobuf type matches (JSON first for wildcards); null if none does.
   */
  static @Nullable String negotiate(@Nullable String accept) {
    for (MediaType clause : AcceptClauses.sorted(accept)) {
      if (AcceptClauses.accepts(clause, "application", "json")) {
        return JSON;
      }
      if (AcceptClauses.accepts(clause, "application", PROTOBUF_SUBTYPE)
          || AcceptClauses.accepts(clause, "application", PROTOBUF_SUBTYPE_DEPRECATED)) {
        return PROTOBUF;
      }
    }
    return null;
  }
}
