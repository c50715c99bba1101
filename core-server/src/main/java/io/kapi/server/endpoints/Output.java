package io.kapi.server.endpoints;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.meta.ListMeta;
import io.kapi.api.meta.PartialObjectMetadata;
import io.kapi.api.meta.PartialObjectMetadataList;
import io.kapi.pathrecorder.GoQuote;
import io.kapi.server.registry.ObjectList;
import io.kapi.server.registry.RegistryErrors;
import io.kapi.server.registry.StoredObject;
import io.kapi.server.responses.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes resource responses in the negotiated representation. Compact JSON of objects and lists
 * is assembled from the objects' shared serialized bytes (each object is serialized once, however
 * many responses carry it); pretty JSON, YAML, Tables and PartialObjectMetadata are encoded from
 * trees.
 */
final class Output {
  private static final HttpString WARNING = new HttpString("Warning");

  private final String apiVersion;
  private final String listKind;
  private final TableConverter tables;
  private final byte[] listPrefix;
  private final byte[] listSuffix;

  Output(String apiVersion, String listKind, TableConverter tables) {
    this.apiVersion = apiVersion;
    this.listKind = listKind;
    this.tables = tables;
    this.listPrefix =
        ("{\"apiVersion\":" + jsonString(apiVersion) + ",\"items\":[")
            .getBytes(StandardCharsets.UTF_8);
    this.listSuffix =
        ("],\"kind\":" + jsonString(listKind) + ",\"metadata\":").getBytes(StandardCharsets.UTF_8);
  }

  TableConverter tables() {
    return tables;
  }

  /** Adds one {@code Warning: 299 - "<text>"} header per warning. */
  static void warnings(HttpServerExchange exchange, List<String> warnings) {
    for (String warning : warnings) {
      exchange.getResponseHeaders().add(WARNING, "299 - " + GoQuote.quote(warning));
    }
  }

  /** Writes {@code body} (a record such as a Status) with the target's codec, untransformed. */
  static void writePlain(
      HttpServerExchange exchange, int code, Negotiation.Target target, Object body) {
    ApiCodec codec = target.codec();
    byte[] bytes = target.pretty() ? codec.encodePretty(body) : codec.encode(body);
    Responses.writeBytes(exchange, code, codec.mediaType(), bytes);
  }

  /** Writes one object in the target's shape. */
  void writeObject(
      HttpServerExchange exchange,
      int code,
      Negotiation.Target target,
      StoredObject object,
      List<String> warnings) {
    warnings(exchange, warnings);
    switch (target.shape()) {
      case OBJECT -> {
        if (target.fastJson()) {
          Responses.writeBytes(exchange, code, target.codec().mediaType(), withNewline(object.json()));
        } else {
          writePlain(exchange, code, target, object.object());
        }
      }
      case TABLE -> {
        String rv = object.object().getResourceVersion();
        ListMeta meta = new ListMeta(null, rv, null, null);
        writePlain(
            exchange,
            code,
            target,
            tables.convert(
                List.of(object),
                meta,
                false,
                TableConverter.includeObject(new QueryParams(exchange).first("includeObject")),
                target.metaApiVersion()));
      }
      case PARTIAL_OBJECT_METADATA ->
          writePlain(
              exchange, code, target, TableConverter.partial(object.object(), target.metaApiVersion()));
      case PARTIAL_OBJECT_METADATA_LIST ->
          throw RegistryErrors.notAcceptable(
              "you requested PartialObjectMetadataList, but the requested object is not a list"
                  + " (*unstructured.Unstructured)");
    }
  }

  /** Writes a list in the target's shape. */
  void writeList(
      HttpServerExchange exchange, int code, Negotiation.Target target, ObjectList list) {
    ListMeta meta =
        new ListMeta(
            null,
            Long.toString(list.resourceVersion()),
            list.continueToken(),
            list.remainingItemCount());
    switch (target.shape()) {
      case OBJECT -> {
        if (target.fastJson()) {
          Responses.writeParts(exchange, code, target.codec().mediaType(), listJson(list));
        } else {
          writePlain(exchange, code, target, listTree(list));
        }
      }
      case TABLE ->
          writePlain(
              exchange,
              code,
              target,
              tables.convert(
                  list.items(),
                  meta,
                  false,
                  TableConverter.includeObject(new QueryParams(exchange).first("includeObject")),
                  target.metaApiVersion()));
      case PARTIAL_OBJECT_METADATA_LIST -> {
        List<PartialObjectMetadata> items = new ArrayList<>(list.items().size());
        for (StoredObject item : list.items()) {
          items.add(TableConverter.partial(item.object(), target.metaApiVersion()));
        }
        writePlain(
            exchange,
            code,
            target,
            new PartialObjectMetadataList(
                PartialObjectMetadataList.KIND, target.metaApiVersion(), meta, items));
      }
      case PARTIAL_OBJECT_METADATA ->
          throw RegistryErrors.notAcceptable(
              "you requested PartialObjectMetadata, but the requested object is a list"
                  + " (*unstructured.UnstructuredList)");
    }
  }

  /** The list as one tree (items shared, not copied: read-only use). */
  ObjectNode listTree(ObjectList list) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", apiVersion);
    ArrayNode items = root.putArray("items");
    for (StoredObject item : list.items()) {
      items.add(item.object().object());
    }
    root.put("kind", listKind);
    root.set("metadata", listMetadata(list));
    return root;
  }

  /**
   * Compact JSON of the list (Go map order: apiVersion, items, kind, metadata) plus newline, as
   * buffers to write in order (see {@link ByteChunks}).
   */
  ByteBuffer[] listJson(ObjectList list) {
    ByteChunks body = new ByteChunks();
    body.add(listPrefix);
    boolean first = true;
    for (StoredObject item : list.items()) {
      if (!first) {
        body.add((byte) ',');
      }
      first = false;
      body.add(item.json());
    }
    body.add(listSuffix);
    byte[] meta = ApiCodec.json().encode(listMetadata(list));
    // the encoded metadata ends with a newline: the list's closing brace goes before it
    body.add(Arrays.copyOf(meta, meta.length - 1));
    body.add((byte) '}');
    body.add((byte) '\n');
    return body.toBuffers();
  }

  private static ObjectNode listMetadata(ObjectList list) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    if (list.continueToken() != null) {
      meta.put("continue", list.continueToken());
    }
    if (list.remainingItemCount() != null) {
      meta.put("remainingItemCount", list.remainingItemCount().longValue());
    }
    meta.put("resourceVersion", Long.toString(list.resourceVersion()));
    return meta;
  }

  static String jsonString(String s) {
    byte[] bytes = ApiCodec.json().encode(JsonNodeFactory.instance.stringNode(s));
    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
  }

  static byte[] withNewline(byte[] json) {
    byte[] out = new byte[json.length + 1];
    System.arraycopy(json, 0, out, 0, json.length);
    out[json.length] = '\n';
    return out;
  }
}
