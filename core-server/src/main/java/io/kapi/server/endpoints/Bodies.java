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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decodes request bodies (JSON, YAML or Kubernetes protobuf per {@code Content-Type}) into objects
 * and {@code DeleteOptions}; malformed bodies are 400 BadRequest with upstream's {@code
 * transformDecodeError} wording, never a 500.
 */
final class Bodies {
  /** Jackson's location at the end of a parse error: {@code (line 1, column 5)}. */
  private static final Pattern YAML_LOCATION =
      Pattern.compile("\\(line (\\d+), column \\d+\\)\\s*$");

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
        problem = yaml ? goYamlProblem(String.valueOf(e.getMessage())) : goJsonProblem(body, e);
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
      // upstream (since #133358): 400 with the decoder's own error text
      String interpret = isYaml(exchange) ? null : interpretProblem(body);
      throw ApiErrors.badRequest(
          interpret == null
              ? String.valueOf(e.getMessage())
              : "couldn't get version/kind; json parse error: " + interpret);
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

  /**
   * A YAML parse error in go-yaml's shape, {@code yaml: line 1: <problem>}: the parser's problem
   * and line without the source excerpt, in go-yaml's words where they differ.
   */
  static String goYamlProblem(String message) {
    int newline = message.indexOf('\n');
    String first = (newline < 0 ? message : message.substring(0, newline)).strip();
    if (!first.startsWith("yaml: ")) {
      return message;
    }
    String problem =
        first
            .substring("yaml: ".length())
            .replace(
                "mapping values are not allowed here",
                "mapping values are not allowed in this context");
    Matcher location = YAML_LOCATION.matcher(message);
    return location.find()
        ? "yaml: line " + location.group(1) + ": " + problem
        : "yaml: " + problem;
  }

  /** The JSON decode error as upstream's {@code SimpleMetaFactory.Interpret} words it. */
  private static String goJsonProblem(byte[] body, DecodeException e) {
    String interpret = interpretProblem(body);
    return interpret != null ? interpret : String.valueOf(e.getMessage());
  }

  /**
   * Go's error for reading apiVersion and kind out of {@code body}: a syntax error, or a top-level
   * value that is not an object; null when neither.
   */
  private static @Nullable String interpretProblem(byte[] body) {
    String syntax = GoJsonSyntax.firstError(body);
    if (syntax != null) {
      return syntax;
    }
    String kind = GoJsonSyntax.topLevelKind(body);
    if (kind != null) {
      return "json: cannot unmarshal "
          + kind
          + " into Go value of type struct {"
          + " APIVersion string \"json:\\\"apiVersion,omitempty\\\"\";"
          + " Kind string \"json:\\\"kind,omitempty\\\"\" }";
    }
    return null;
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
