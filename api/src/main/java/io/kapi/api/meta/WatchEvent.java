package io.kapi.api.meta;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kapi.api.codec.ApiCodec;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event of a watch stream, {@code {"type":"ADDED","object":{…}}}: the object as a JSON tree so
 * the stream writes whatever the registry holds without converting it. DELETED carries the last
 * state; ERROR carries a {@link Status}; BOOKMARK carries only {@code metadata.resourceVersion}.
 */
@JsonPropertyOrder({"type", "object"})
public record WatchEvent(String type, JsonNode object) {

  public static final String ADDED = "ADDED";
  public static final String MODIFIED = "MODIFIED";
  public static final String DELETED = "DELETED";
  public static final String BOOKMARK = "BOOKMARK";
  public static final String ERROR = "ERROR";

  public WatchEvent {
    checkNotNull(type, "type");
    checkNotNull(object, "object");
  }

  /**
   * An event of {@code type} about {@code object}: a {@link JsonNode} is used as is (pass {@code
   * unstructured.object()} to avoid a copy), anything else is converted with {@link
   * ApiCodec#toTree(Object)}.
   */
  public static WatchEvent of(String type, Object object) {
    checkNotNull(type, "type");
    checkNotNull(object, "object");
    return new WatchEvent(
        type, object instanceof JsonNode node ? node : ApiCodec.json().toTree(object));
  }

  /** An ERROR event carrying {@code status} (e.g. 410 Expired for a too old resourceVersion). */
  public static WatchEvent error(Status status) {
    checkNotNull(status, "status");
    return new WatchEvent(ERROR, ApiCodec.json().toTree(status));
  }

  /**
   * A BOOKMARK: {@code {"kind":…,"apiVersion":…,"metadata":{"resourceVersion":…}}}, plus {@code
   * metadata.annotations} when not empty (e.g. {@link ListOptions#INITIAL_EVENTS_ANNOTATION}).
   */
  public static WatchEvent bookmark(
      String apiVersion, String kind, String resourceVersion, Map<String, String> annotations) {
    checkNotNull(apiVersion, "apiVersion");
    checkNotNull(kind, "kind");
    checkNotNull(resourceVersion, "resourceVersion");
    checkNotNull(annotations, "annotations");
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("kind", kind);
    object.put("apiVersion", apiVersion);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("resourceVersion", resourceVersion);
    if (!annotations.isEmpty()) {
      ObjectNode a = metadata.putObject("annotations");
      MetaCollections.stringMap(annotations).forEach(a::put);
    }
    return new WatchEvent(BOOKMARK, object);
  }
}
