package io.kapi.server.endpoints;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.meta.ListMeta;
import io.kapi.api.meta.ListOptions;
import io.kapi.api.meta.Status;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.RegistryErrors;
import io.kapi.server.registry.StoredObject;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.cache.CachedObject;
import io.kapi.server.storage.cache.WatchCacheEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Frames watch events as upstream's JSON stream: {@code {"type":"ADDED","object":{...}}} plus a
 * newline. Plain objects are framed around the watch cache's shared serialized bytes, so an event
 * costs one serialization however many watchers receive it; Table and PartialObjectMetadata
 * watches transform each object (the Table's column definitions only in the first event). Not
 * thread-safe: one encoder per watch.
 */
final class EventEncoder {
  private static final byte[][] PREFIXES = new byte[WatchCacheEvent.Type.values().length][];

  static {
    for (WatchCacheEvent.Type type : WatchCacheEvent.Type.values()) {
      PREFIXES[type.ordinal()] =
          ("{\"type\":\"" + type.name() + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
    }
  }

  private final Negotiation.Target target;
  private final TableConverter tables;
  private final TableConverter.IncludeObject include;
  private final String apiVersion;
  private final String kind;
  private boolean headersSent;

  EventEncoder(
      Negotiation.Target target,
      TableConverter tables,
      TableConverter.IncludeObject include,
      String apiVersion,
      String kind) {
    this.target = target;
    this.tables = tables;
    this.include = include;
    this.apiVersion = apiVersion;
    this.kind = kind;
  }

  /** The frame of {@code event}, ending with a newline. */
  byte[] encode(WatchCacheEvent<Unstructured> event) {
    WatchCacheEvent.Type type = event.type();
    byte[] object =
        switch (type) {
          case ADDED, MODIFIED, DELETED -> objectBytes(checkObject(event));
          case BOOKMARK -> bookmark(event);
          case ERROR -> json(errorStatus(event.error()));
        };
    return frame(type, object);
  }

  /** The frame of an ERROR event carrying {@code status}. */
  static byte[] error(Status status) {
    return frame(WatchCacheEvent.Type.ERROR, json(status));
  }

  private static byte[] frame(WatchCacheEvent.Type type, byte[] object) {
    byte[] prefix = PREFIXES[type.ordinal()];
    ByteArrayOutputStream out = new ByteArrayOutputStream(prefix.length + object.length + 2);
    out.writeBytes(prefix);
    out.writeBytes(object);
    out.write('}');
    out.write('\n');
    return out.toByteArray();
  }

  private static CachedObject<Unstructured> checkObject(WatchCacheEvent<Unstructured> event) {
    CachedObject<Unstructured> object = event.object();
    if (object == null) {
      throw new IllegalStateException("watch event without object: " + event);
    }
    return object;
  }

  private byte[] objectBytes(CachedObject<Unstructured> cached) {
    switch (target.shape()) {
      case TABLE -> {
        Unstructured object = cached.object();
        ListMeta meta = new ListMeta(null, object.getResourceVersion(), null, null);
        boolean noHeaders = headersSent;
        headersSent = true;
        return json(
            tables.convert(
                List.of(StoredObject.of(object)), meta, noHeaders, include, target.metaApiVersion()));
      }
      case PARTIAL_OBJECT_METADATA -> {
        return json(TableConverter.partial(cached.object(), target.metaApiVersion()));
      }
      default -> {
        return cached.serialized();
      }
    }
  }

  /** A bookmark: only apiVersion, kind and metadata.resourceVersion (and the initial-events-end mark). */
  private byte[] bookmark(WatchCacheEvent<Unstructured> event) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    if (event.isInitialEventsEnd()) {
      metadata.putObject("annotations").put(ListOptions.INITIAL_EVENTS_ANNOTATION, "true");
    }
    metadata.put("resourceVersion", Long.toString(event.revision()));
    return json(object);
  }

  /** The Status of a watch that ended with an error. */
  static Status errorStatus(@Nullable StorageException error) {
    if (error == null) {
      return RegistryErrors.unknown(500, "Internal error occurred: the watch failed").status();
    }
    return switch (error.code()) {
      case COMPACTED -> RegistryErrors.expired(String.valueOf(error.getMessage())).status();
      case REVISION_TOO_LARGE -> {
        Status base = RegistryErrors.tooLargeResourceVersion(0, 0).status();
        yield new Status(
            base.kind(),
            base.apiVersion(),
            base.metadata(),
            base.status(),
            "Timeout: " + error.getMessage(),
            base.reason(),
            base.details(),
            base.code());
      }
      default ->
          RegistryErrors.unknown(500, "Internal error occurred: " + error.getMessage()).status();
    };
  }

  static byte[] json(Object value) {
    byte[] bytes = ApiCodec.json().encode(value);
    return java.util.Arrays.copyOf(bytes, bytes.length - 1);
  }
}
