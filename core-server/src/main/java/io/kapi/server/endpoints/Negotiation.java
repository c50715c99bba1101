package io.kapi.server.endpoints;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.codec.MediaType;
import io.kapi.api.codec.MediaTypes;
import io.kapi.api.errors.ApiErrors;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Picks the response representation from the {@code Accept} header as upstream's negotiation does
 * for custom resources: JSON or YAML, as the object itself or transformed ({@code
 * as=Table|PartialObjectMetadata|PartialObjectMetadataList;g=meta.k8s.io;v=v1|v1beta1}); clauses
 * asking for anything else are skipped, and when none is left the answer is 406.
 */
final class Negotiation {
  /** The media types resource endpoints produce. */
  static final List<String> PRODUCED = List.of(MediaTypes.APPLICATION_JSON, MediaTypes.APPLICATION_YAML);

  private Negotiation() {}

  /** What to answer with. */
  enum Shape {
    OBJECT,
    TABLE,
    PARTIAL_OBJECT_METADATA,
    PARTIAL_OBJECT_METADATA_LIST
  }

  /**
   * The negotiated representation: the codec, the shape, the {@code meta.k8s.io} version of a
   * transformed shape ({@code v1} or {@code v1beta1}) and whether to indent.
   */
  record Target(ApiCodec codec, Shape shape, String metaVersion, boolean pretty) {
    /** {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1}. */
    String metaApiVersion() {
      return MediaTypes.META_GROUP + "/" + metaVersion;
    }

    boolean fastJson() {
      return codec == ApiCodec.json() && !pretty;
    }
  }

  /**
   * Negotiates for {@code exchange}; {@code streaming} (watch) allows only JSON.
   *
   * @throws io.kapi.api.errors.ApiException 406 when no clause of the Accept header is acceptable
   */
  static Target negotiate(HttpServerExchange exchange, boolean streaming) {
    boolean pretty = Responses.isPrettyPrint(exchange);
    HeaderValues accept = exchange.getRequestHeaders().get(Headers.ACCEPT);
    if (accept == null || accept.isEmpty()) {
      return new Target(ApiCodec.json(), Shape.OBJECT, "v1", pretty);
    }
    List<MediaType> clauses = new ArrayList<>(MediaType.parseList(String.join(",", accept)));
    if (clauses.isEmpty()) {
      return new Target(ApiCodec.json(), Shape.OBJECT, "v1", pretty);
    }
    clauses.sort(Comparator.comparingDouble(MediaType::quality).reversed());
    for (MediaType clause : clauses) {
      if (clause.quality() <= 0) {
        continue;
      }
      ApiCodec codec = codecFor(clause, streaming);
      if (codec == null) {
        continue;
      }
      String as = clause.as();
      if (as == null) {
        return new Target(codec, Shape.OBJECT, "v1", pretty);
      }
      Shape shape = shapeOf(as);
      String version = clause.version();
      if (shape != null
          && MediaTypes.META_GROUP.equals(clause.group())
          && ("v1".equals(version) || "v1beta1".equals(version))) {
        return new Target(codec, shape, version, pretty);
      }
    }
    throw ApiErrors.notAcceptable(
        streaming ? List.of(MediaTypes.APPLICATION_JSON) : PRODUCED);
  }

  private static @Nullable ApiCodec codecFor(MediaType clause, boolean streaming) {
    String essence = clause.essence();
    if (essence.equals(MediaTypes.APPLICATION_JSON)
        || essence.equals("*/*")
        || essence.equals("application/*")) {
      return ApiCodec.json();
    }
    if (essence.equals(MediaTypes.APPLICATION_YAML) && !streaming) {
      return ApiCodec.yaml();
    }
    return null;
  }

  private static @Nullable Shape shapeOf(String as) {
    return switch (as) {
      case "Table" -> Shape.TABLE;
      case "PartialObjectMetadata" -> Shape.PARTIAL_OBJECT_METADATA;
      case "PartialObjectMetadataList" -> Shape.PARTIAL_OBJECT_METADATA_LIST;
      default -> null;
    };
  }
}
