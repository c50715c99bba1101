package io.kapi.server.protobuf;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.protobuf.FieldTables.Message;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes {@code application/vnd.kubernetes.protobuf} request bodies, which typed clients such as
 * kubectl send for built-in kinds, into the same object tree a JSON client would have sent.
 *
 * <p>The body is the four magic bytes {@code k8s\0} followed by a {@code runtime.Unknown}
 * ({@code typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}); {@code
 * raw} is the object's own message, decoded with field tables for every core/v1 kind and
 * meta/v1 {@code DeleteOptions}. Only decoding is offered: responses stay JSON.
 *
 * <pre>{@code
 * if (KubernetesProtobuf.supports("v1", "ConfigMap")) {
 *   Unstructured configMap = KubernetesProtobuf.decode(body);
 * }
 * }</pre>
 *
 * <p>Thread-safe; the field tables load once, on first use.
 */
public final class KubernetesProtobuf {
  /** The media type of protobuf bodies. */
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private KubernetesProtobuf() {}

  /**
   * Whether bodies of {@code kind} in {@code apiVersion} ({@code v1} for the core group) can be
   * decoded.
   */
  public static boolean supports(String apiVersion, String kind) {
    checkNotNull(apiVersion, "apiVersion");
    checkNotNull(kind, "kind");
    return FieldTables.get().kind(apiVersion, kind) != null;
  }

  /**
   * Decodes an enveloped protobuf object; the result starts with the envelope's {@code kind} and
   * {@code apiVersion}, followed by the object's fields in Go's JSON order.
   *
   * @throws ProtobufDecodeException if the magic prefix is missing, the wire data is malformed,
   *     or the envelope names a kind without a field table
   */
  public static Unstructured decode(byte[] body) {
    checkNotNull(body, "body");
    for (int i = 0; i < MAGIC.length; i++) {
      if (body.length <= i || body[i] != MAGIC[i]) {
        throw ProtobufDecodeException.malformed(
            "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
      }
    }
    WireReader in = new WireReader(body, MAGIC.length, body.length);
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    while (in.hasMore()) {
      long tag = in.readVarint();
      int wireType = (int) (tag & 7);
      long number = tag >>> 3;
      if (number >= 1 && number <= 4 && wireType != WireReader.LENGTH_DELIMITED) {
        String[] names = {"", "TypeMeta", "Raw", "ContentEncoding", "ContentType"};
        throw ProtobufDecodeException.malformed(
            "proto: wrong wireType = " + wireType + " for field " + names[(int) number]);
      }
      if (number == 1) {
        WireReader typeMeta = in.readLengthDelimited();
        while (typeMeta.hasMore()) {
          long t = typeMeta.readVarint();
          int w = (int) (t & 7);
          if ((t >>> 3 == 1 || t >>> 3 == 2) && w != WireReader.LENGTH_DELIMITED) {
            throw ProtobufDecodeException.malformed(
                "proto: wrong wireType = " + w + " for field " + (t >>> 3 == 1 ? "APIVersion" : "Kind"));
          }
          if (t >>> 3 == 1) {
            apiVersion = text(typeMeta.readLengthDelimited().remainingBytes());
          } else if (t >>> 3 == 2) {
            kind = text(typeMeta.readLengthDelimited().remainingBytes());
          } else {
            typeMeta.skip(w);
          }
        }
      } else if (number == 2) {
        raw = in.readLengthDelimited().remainingBytes();
      } else {
        in.skip(wireType);
      }
    }
    if (kind.isEmpty()) {
      throw ProtobufDecodeException.malformed(
          "Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"" + apiVersion + "\", Kind:\"\"}'");
    }
    FieldTables tables = FieldTables.get();
    Message message = tables.kind(apiVersion, kind);
    if (message == null) {
      throw new ProtobufDecodeException(
          "no kind \"" + kind + "\" is registered for version \"" + apiVersion + "\"",
          apiVersion, kind, true);
    }
    ObjectNode fields;
    try {
      fields = new MessageDecoder(tables).decode(new WireReader(raw, 0, raw.length), message);
    } catch (ProtobufDecodeException e) {
      throw new ProtobufDecodeException(e.getMessage(), apiVersion, kind, false);
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("kind", kind);
    object.put("apiVersion", apiVersion);
    object.setAll(fields);
    return new Unstructured(object);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
