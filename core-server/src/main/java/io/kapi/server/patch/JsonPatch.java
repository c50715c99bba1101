package io.kapi.server.patch;

import io.kapi.api.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON patch as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4 behind {@code
 * handlers/patch.go}). Each operation is checked against the current document with that library's
 * rules (negative array indexes count from the end, {@code replace} of a missing object member adds
 * it, a missing {@code value} means {@code null}, and its error texts), then carried out on a
 * mutable copy of the object. (Parsson's immutable JSON-P values would rebuild every container on
 * the path for each operation: ten thousand insertions into a long array took seconds.)
 *
 * <p>Operations may nest the document arbitrarily deep (each {@code move} can add a level), so
 * nothing here recurses over the document; the result is checked against {@link JsonP#MAX_DEPTH}
 * before anyone walks it recursively.
 */
final class JsonPatch {
  /** Upstream's {@code maxJSONPatchOperations}. */
  static final int MAX_OPERATIONS = 10_000;

  private static final String MISSING = "missing value";
  private static final String INVALID_INDEX = "invalid index referenced";
  private static final String TEST_FAILED = "test failed";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final long copyLimit;
  private ContainerNode<?> doc;
  private long copied;

  private JsonPatch(ContainerNode<?> doc, long copyLimit) {
    this.doc = doc;
    this.copyLimit = copyLimit;
  }

  /**
   * Applies {@code patch} (a parsed JSON document) to {@code original}.
   *
   * @param copyLimit the most bytes all {@code copy} operations together may add (upstream's {@code
   *     JSONPatchMaxCopyBytes})
   * @throws ApiException 400 for a body that is not a list of operations, 413 for more than {@value
   *     #MAX_OPERATIONS} operations, 422 for an operation that does not apply or a result that is
   *     not an object
   */
  static ObjectNode apply(ObjectNode original, JsonNode patch, long copyLimit) {
    List<@Nullable JsonNode> operations = decode(patch);
    if (operations.size() > MAX_OPERATIONS) {
      throw PatchErrors.tooManyOperations(MAX_OPERATIONS, operations.size());
    }
    JsonPatch applier = new JsonPatch((ObjectNode) DeepTrees.copy(original), copyLimit);
    for (JsonNode operation : operations) {
      try {
        applier.applyOperation(operation);
      } catch (OperationFailure e) {
        throw PatchErrors.genericInvalid(e.getMessage());
      }
    }
    JsonNode result = applier.doc;
    DeepTrees.checkDepth(result);
    if (!(result instanceof ObjectNode object)) {
      throw PatchErrors.invalidResult(
          result.toString(),
          "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value"
              + " of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind"
              + " string \"json:\\\"kind,omitempty\\\"\" }");
    }
    return object;
  }

  /**
   * The operations of the patch, checked as upstream's strict decoding into {@code
   * []handlers.jsonPatchOp} checks them (the server's default field validation).
   */
  private static List<@Nullable JsonNode> decode(JsonNode patch) {
    if (patch.isNull()) {
      return List.of();
    }
    if (!patch.isArray()) {
      throw decodeError(patch, "Go value of type []handlers.jsonPatchOp");
    }
    List<@Nullable JsonNode> operations = new ArrayList<>(patch.size());
    for (JsonNode element : patch) {
      if (element.isNull()) {
        operations.add(null);
        continue;
      }
      if (!element.isObject()) {
        throw decodeError(element, "Go value of type handlers.jsonPatchOp");
      }
      for (Map.Entry<String, JsonNode> field : element.properties()) {
        String name = field.getKey();
        JsonNode value = field.getValue();
        boolean stringField = name.equals("op") || name.equals("path") || name.equals("from");
        if (stringField && !value.isNull() && !value.isString()) {
          throw decodeError(value, "Go struct field jsonPatchOp." + name + " of type string");
        }
      }
      operations.add(element);
    }
    return operations;
  }

  private static ApiException decodeError(JsonNode value, String target) {
    return PatchErrors.badRequest(
        "error decoding patch: json: cannot unmarshal " + jsonKind(value) + " into " + target);
  }

  /** How Go's decoder names a JSON value in an {@code UnmarshalTypeError}. */
  static String jsonKind(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isString()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    return "number";
  }

  private void applyOperation(@Nullable JsonNode operation) {
    String kind = stringField(operation, "op");
    switch (kind == null ? "unknown" : kind) {
      case "add" -> add(operation);
      case "remove" -> remove(operation);
      case "replace" -> replace(operation);
      case "move" -> move(operation);
      case "test" -> test(operation);
      case "copy" -> copy(operation);
      default ->
          throw new OperationFailure("Unexpected kind: " + (kind == null ? "unknown" : kind));
    }
  }

  private void add(JsonNode op) {
    String path = stringField(op, "path");
    if (path == null) {
      throw new OperationFailure("add operation failed to decode path: " + MISSING);
    }
    Location location = find(path);
    if (location == null) {
      throw new OperationFailure(
          "add operation does not apply: doc is missing path: \"" + path + "\": " + MISSING);
    }
    String problem = insert(location, value(op));
    if (problem != null) {
      throw new OperationFailure("error in add for path: '" + path + "': " + problem);
    }
  }

  private void remove(JsonNode op) {
    String path = stringField(op, "path");
    if (path == null) {
      throw new OperationFailure("remove operation failed to decode path: " + MISSING);
    }
    Location location = find(path);
    if (location == null) {
      throw new OperationFailure(
          "remove operation does not apply: doc is missing path: \"" + path + "\": " + MISSING);
    }
    String problem = delete(location);
    if (problem != null) {
      throw new OperationFailure("error in remove for path: '" + path + "': " + problem);
    }
  }

  private void replace(JsonNode op) {
    String path = stringField(op, "path");
    if (path == null) {
      throw new OperationFailure(
          "replace operation failed to decode path: operation missing path field: " + MISSING);
    }
    JsonNode value = value(op);
    if (path.isEmpty()) {
      if (!(value instanceof ContainerNode<?> container)) {
        throw new OperationFailure("replace operation value must be object or array: %!w(<nil>)");
      }
      doc = container;
      return;
    }
    Location location = find(path);
    if (location == null) {
      throw new OperationFailure(
          "replace operation does not apply: doc is missing path: " + path + ": " + MISSING);
    }
    if (location.container() instanceof ArrayNode array) {
      Index index = Index.parse(location.key());
      if (index.error() != null || !index.inBounds(array.size())) {
        throw new OperationFailure(
            "replace operation does not apply: doc is missing key: " + path + ": " + MISSING);
      }
      array.set(index.resolve(array.size()), value);
    } else {
      // a missing member is added, as upstream's map assignment does
      ((ObjectNode) location.container()).set(location.key(), value);
    }
  }

  private void move(JsonNode op) {
    String from = stringField(op, "from");
    if (from == null) {
      throw new OperationFailure(
          "move operation failed to decode from: operation, missing from field: " + MISSING);
    }
    Location source = find(from);
    if (source == null) {
      throw new OperationFailure(
          "move operation does not apply: doc is missing from path: " + from + ": " + MISSING);
    }
    Lookup lookup = get(source);
    if (lookup.problem() != null) {
      throw new OperationFailure(
          "error in move for path: '" + source.key() + "': " + lookup.problem());
    }
    String problem = delete(source);
    if (problem != null) {
      throw new OperationFailure("error in move for path: '" + source.key() + "': " + problem);
    }
    String path = stringField(op, "path");
    if (path == null) {
      throw new OperationFailure(
          "move operation failed to decode path: operation missing path field: " + MISSING);
    }
    Location destination = find(path);
    if (destination == null) {
      throw new OperationFailure(
          "move operation does not apply: doc is missing destination path: "
              + path
              + ": "
              + MISSING);
    }
    problem = insert(destination, lookup.valueOrNull());
    if (problem != null) {
      throw new OperationFailure("error in move for path: '" + path + "': " + problem);
    }
  }

  private void test(JsonNode op) {
    String path = stringField(op, "path");
    if (path == null) {
      throw new OperationFailure(
          "test operation failed to decode path: operation missing path field: " + MISSING);
    }
    JsonNode expected = value(op);
    if (path.isEmpty()) {
      if (!GoValues.equal(doc, expected)) {
        throw new OperationFailure("testing value  failed: " + TEST_FAILED);
      }
      return;
    }
    Location location = find(path);
    if (location == null) {
      throw new OperationFailure(
          "test operation does not apply: is missing path: " + path + ": " + MISSING);
    }
    Lookup lookup = get(location);
    if (lookup.problem() != null) {
      throw new OperationFailure("error in test for path: '" + path + "': " + lookup.problem());
    }
    // Go compares the raw JSON of scalars, so 1 and 1.0 differ, as int64 and float64 do
    if (!GoValues.equal(lookup.valueOrNull(), expected)) {
      throw new OperationFailure("testing value " + path + " failed: " + TEST_FAILED);
    }
  }

  private void copy(JsonNode op) {
    String from = stringField(op, "from");
    if (from == null) {
      throw new OperationFailure(
          "copy operation failed to decode from: operation, missing from field: " + MISSING);
    }
    Location source = find(from);
    if (source == null) {
      throw new OperationFailure(
          "copy operation does not apply: doc is missing from path: " + from + ": " + MISSING);
    }
    Lookup lookup = get(source);
    if (lookup.problem() != null) {
      throw new OperationFailure("error in copy for from: '" + from + "': " + lookup.problem());
    }
    String path = stringField(op, "path");
    if (path == null) {
      throw new OperationFailure("copy operation failed to decode path: " + MISSING);
    }
    Location destination = find(path);
    if (destination == null) {
      throw new OperationFailure(
          "copy operation does not apply: doc is missing destination path: "
              + path
              + ": "
              + MISSING);
    }
    // upstream copies a missing member as nothing, which it then writes as null
    JsonNode value = lookup.value() == null ? NODES.nullNode() : DeepTrees.copy(lookup.value());
    long size = lookup.value() == null ? 0 : JsonSizes.encodedSize(value);
    copied += size;
    if (copyLimit > 0 && copied > copyLimit) {
      throw new OperationFailure(
          "Unable to complete the copy, the accumulated size increase of copy is "
              + copied
              + ", exceeding the limit "
              + copyLimit);
    }
    String problem = insert(destination, value);
    if (problem != null) {
      throw new OperationFailure("error while adding value during copy: " + problem);
    }
  }

  /** Adds {@code value} at {@code location}; returns upstream's error text, or null on success. */
  private static @Nullable String insert(Location location, JsonNode value) {
    if (location.container() instanceof ArrayNode array) {
      String key = location.key();
      if (key.equals("-")) {
        array.add(value);
        return null;
      }
      Index index = Index.parse(key);
      if (index.error() != null) {
        return "value was not a proper array index: '" + key + "': " + index.error();
      }
      int size = array.size() + 1;
      if (!index.inBounds(size)) {
        return invalidIndex(index.value());
      }
      array.insert(index.resolve(size), value);
    } else {
      ((ObjectNode) location.container()).set(location.key(), value);
    }
    return null;
  }

  /** Removes what {@code location} names; returns upstream's error text, or null on success. */
  private static @Nullable String delete(Location location) {
    if (location.container() instanceof ArrayNode array) {
      Index index = Index.parse(location.key());
      if (index.error() != null) {
        return index.error();
      }
      if (!index.inBounds(array.size())) {
        return invalidIndex(index.value());
      }
      array.remove(index.resolve(array.size()));
    } else {
      ObjectNode object = (ObjectNode) location.container();
      if (!object.has(location.key())) {
        return "Unable to remove nonexistent key: " + location.key() + ": " + MISSING;
      }
      object.remove(location.key());
    }
    return null;
  }

  /** Reads what {@code location} names: a missing object member is no value, not an error. */
  private static Lookup get(Location location) {
    if (location.container() instanceof ArrayNode array) {
      Index index = Index.parse(location.key());
      if (index.error() != null) {
        return new Lookup(null, index.error());
      }
      if (!index.inBounds(array.size())) {
        return new Lookup(null, invalidIndex(index.value()));
      }
      return new Lookup(array.get(index.resolve(array.size())), null);
    }
    return new Lookup(location.container().get(location.key()), null);
  }

  private static String invalidIndex(long index) {
    return "Unable to access invalid index: " + index + ": " + INVALID_INDEX;
  }

  /**
   * Upstream's {@code findObject}: walks all but the last token of {@code path} through existing
   * objects and arrays. Null when the path does not start a walk ({@code ""}, no {@code /}) or
   * leaves the document.
   */
  private @Nullable Location find(String path) {
    String[] parts = path.split("/", -1);
    if (parts.length < 2) {
      return null;
    }
    ContainerNode<?> current = doc;
    for (int i = 1; i < parts.length - 1; i++) {
      String part = unescape(parts[i]);
      JsonNode next;
      if (current instanceof ArrayNode array) {
        Index index = Index.parse(part);
        if (index.error() != null || !index.inBounds(array.size())) {
          return null;
        }
        next = array.get(index.resolve(array.size()));
      } else {
        next = current.get(part);
      }
      if (!(next instanceof ContainerNode<?> container)) {
        return null; // missing, null or a scalar
      }
      current = container;
    }
    return new Location(current, unescape(parts[parts.length - 1]));
  }

  /**
   * RFC 6901 unescaping as upstream does it: {@code ~1} to {@code /}, then {@code ~0} to {@code ~}.
   */
  static String unescape(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    StringBuilder sb = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '~' && i + 1 < token.length()) {
        char n = token.charAt(i + 1);
        if (n == '1') {
          sb.append('/');
          i++;
          continue;
        }
        if (n == '0') {
          sb.append('~');
          i++;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static @Nullable String stringField(@Nullable JsonNode op, String name) {
    if (op == null) {
      return null;
    }
    JsonNode value = op.get(name);
    return value != null && value.isString() ? value.stringValue() : null;
  }

  /**
   * The operation's value, which becomes part of the document (each operation has its own); missing
   * or {@code null} both mean JSON null, as upstream writes it.
   */
  private static JsonNode value(JsonNode op) {
    JsonNode value = op.get("value");
    return value == null ? NODES.nullNode() : value;
  }

  /** Where an operation points: the existing container and the last token of the path. */
  private record Location(ContainerNode<?> container, String key) {}

  /** A value read at a location ({@code null}: a missing object member), or why it can't be. */
  private record Lookup(@Nullable JsonNode value, @Nullable String problem) {
    JsonNode valueOrNull() {
      return value == null ? NODES.nullNode() : value;
    }
  }

  /** An array index token parsed as Go's {@code strconv.Atoi}, negatives counting from the end. */
  private record Index(long value, @Nullable String error) {
    static Index parse(String token) {
      String digits = token.startsWith("+") || token.startsWith("-") ? token.substring(1) : token;
      boolean syntax = !digits.isEmpty();
      for (int i = 0; i < digits.length() && syntax; i++) {
        syntax = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
      }
      if (!syntax) {
        return new Index(0, "strconv.Atoi: parsing " + GoValues.quote(token) + ": invalid syntax");
      }
      try {
        return new Index(Long.parseLong(token), null);
      } catch (NumberFormatException e) {
        return new Index(
            0, "strconv.Atoi: parsing " + GoValues.quote(token) + ": value out of range");
      }
    }

    /** Whether the index addresses one of {@code size} slots (negatives from the end). */
    boolean inBounds(int size) {
      return value < size && value >= -size;
    }

    int resolve(int size) {
      return (int) (value < 0 ? value + size : value);
    }
  }

  /** An operation that does not apply, with upstream's error text. */
  private static final class OperationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OperationFailure(String message) {
      super(message, null, false, false);
    }
  }
}
