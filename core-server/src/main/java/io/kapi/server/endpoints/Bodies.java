package io.kapi.server.endpoints;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.codec.DecodeException;
import io.kapi.api.codec.MediaType;
import io.kapi.api.codec.MediaTypes;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.protobuf.KubernetesProtobuf;
import io.kapi.server.protobuf.ProtobufDecodeException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Decodes request bodies (JSON, YAML or Kubernetes protobuf per {@code Content-Type}) into objects
 * and {@code DeleteOptions}; malformed bodies are 400 BadRequest with upstream's {@code
 * transformDecodeError} wording, never a 500.
 */
final class Bodies {
  private Bodies() {}

  /** Whether the request's {@code Content-Type} is YAML. */
  static boolean isYaml(HttpServerExchange exchange) {
    return hasContentType(exchange, MediaTypes.APPLICATION_YAML);
  }

  /** Whether the request's {@code Content-Type} is {@code application/vnd.kubernetes.protobuf}. */
  static boolean isProtobuf(HttpServerExchange exchange) {
    return hasContentType(exchange, KubernetesProtobuf.MEDIA_TYPE);
  }

  private static boolean hasContentType(HttpServerExchange exchange, String essence) {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (contentType == null || contentType.isBlank()) {
      return false;
    }
    try {
      return MediaType.parse(contentType).essence().equals(essence);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Decodes an object of {@code kind}.
   *
   * @throws ApiException 400 {@code the object provided is unrecognized (must be of type Kind):
   *     ...} for malformed bodies and bodies that are not objects
   */
  static Unstructured object(HttpServerExchange exchange, byte[] body, String kind) {
    if (isProtobuf(exchange)) {
      return protobufObject(body, kind);
    }
    boolean yaml = isYaml(exchange);
    String problem;
    if (body.length == 0 || isBlank(body)) {
      problem = "unexpected end of JSON input";
    } else {
      try {
        Unstructured decoded = (yaml ? ApiCodec.yaml() : ApiCodec.json()).decode(body, Unstructured.class);
        if (decoded != null) {
          return decoded;
        }
        problem = "Object 'Kind' is missing in 'null'";
      } catch (DecodeException e) {
        problem = e.getMessage();
      } catch (RuntimeException e) {
        problem = String.valueOf(e.getMessage());
      }
    }
    String prefix = yaml ? "error converting YAML to JSON: " : "couldn't get version/kind; json parse error: ";
    throw ApiErrors.badRequest(
        "the object provided is unrecognized (must be of type "
            + kind
            + "): "
            + prefix
            + problem
            + " ("
            + summarize(body)
            + ")");
  }

  /**
   * Decodes {@code DeleteOptions}; an empty body gives null.
   *
   * @throws ApiException 400 for a malformed body
   */
  static @Nullable DeleteOptions deleteOptions(HttpServerExchange exchange, byte[] body) {
    if (body.length == 0 || isBlank(body)) {
      return null;
    }
    if (isProtobuf(exchange)) {
      Unstructured options = protobufObject(body, "DeleteOptions");
      try {
        return ApiCodec.json().decode(ApiCodec.json().encode(options.object()), DeleteOptions.class);
      } catch (DecodeException e) {
        throw ApiErrors.badRequest(e.getMessage());
      }
    }
    try {
      DeleteOptions options =
          (isYaml(exchange) ? ApiCodec.yaml() : ApiCodec.json()).decode(body, DeleteOptions.class);
      if (options == null) {
        throw ApiErrors.badRequest("decoded object cannot be converted to DeleteOptions");
      }
      return options;
    } catch (DecodeException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  /**
   * Decodes a protobuf body that must hold a {@code kind}; errors are worded as upstream's {@code
   * transformDecodeError}: {@code the object provided is unrecognized (must be of type Kind): ...}
   * before the envelope is read, {@code Kind in version "v1" cannot be handled as a Kind: ...}
   * after.
   */
  private static Unstructured protobufObject(byte[] body, String kind) {
    Unstructured decoded;
    try {
      decoded = KubernetesProtobuf.decode(body);
    } catch (ProtobufDecodeException e) {
      if (e.kind() == null) {
        throw ApiErrors.badRequest(
            "the object provided is unrecognized (must be of type " + kind + "): " + e.getMessage()
                + " (" + summarize(body) + ")");
      }
      throw cannotBeHandled(e.kind(), String.valueOf(e.apiVersion()), kind, e.getMessage());
    }
    String decodedKind = String.valueOf(decoded.getKind());
    if (!decodedKind.equals(kind)) {
      throw cannotBeHandled(
          decodedKind, String.valueOf(decoded.getApiVersion()), kind,
          "the body holds a " + decodedKind + ", not a " + kind);
    }
    return decoded;
  }

  private static ApiException cannotBeHandled(
      String bodyKind, String apiVersion, String kind, String problem) {
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return ApiErrors.badRequest(
        bodyKind + " in version \"" + version + "\" cannot be handled as a " + kind + ": " + problem);
  }

  /** Upstream's {@code summarizeData}: JSON objects as text, anything else as hex, 30 bytes max. */
  static String summarize(byte[] data) {
    if (data.length == 0) {
      return "<empty>";
    }
    int n = Math.min(30, data.length);
    String head =
        data[0] == '{'
            ? new String(data, 0, n, StandardCharsets.UTF_8)
            : HexFormat.of().formatHex(data, 0, n);
    return data.length > 30 ? head + " ..." : head;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
