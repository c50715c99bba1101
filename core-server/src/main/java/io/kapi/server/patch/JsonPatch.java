package io.kapi.server.patch;

import io.kapi.api.errors.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON patch as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4 behind {@code
 * handlers/patch.go}). Each operation is checked against the current document with that library's
 * rules (negative array indexes count from the end, {@code replace} of a missing object member adds
 * it, a missing {@code value} means {@code null}, and its error texts), then carried out with
 * Parsson's RFC 6901/6902 pointer operations on immutable JSON-P values.
 */
final class JsonPatch {
  /** Upstream's {@code maxJSONPatchOperations}. */
  static final int MAX_OPERATIONS = 10_000;

  private static final String MISSING = "missing value";
  private static final String INVALID_INDEX = "invalid index referenced";
  private static final String TEST_FAILED = "test failed";

  private final long copyLimit;
  private JsonStructure doc;
  private long copied;

  private JsonPatch(JsonStructure doc, long copyLimit) {
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
    JsonPatch applier = new JsonPatch((JsonStructure) JsonP.toJsonP(original), copyLimit);
    for (JsonNode operation : operations) {
      try {
        applier.applyOperation(operation);
      } catch (OperationFailure e) {
        throw PatchErrors.genericInvalid(e.getMessage());
      } catch (JsonException | IllegalArgumentException | UnsupportedOperationException e) {
        // the checks above should have caught it; report it as upstream reports a failed operation
        throw PatchErrors.genericInvalid(String.valueOf(e.getMessage()));
      }
    }
    JsonNode result = JsonP.fromJsonP(applier.doc);
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
    JsonValue value = value(op);
    if (path.isEmpty()) {
      if (!(value instanceof JsonStructure structure)) {
        throw new OperationFailure("replace operation value must be object or array: %!w(<nil>)");
      }
      doc = structure;
      return;
    }
    Location location = find(path);
    if (location == null) {
      throw new OperationFailure(
          "replace operation does not apply: doc is missing path: " + path + ": " + MISSING);
    }
    if (location.container() instanceof JsonArray array) {
      Index index = Index.parse(location.key());
      if (index.error() != null || !index.inBounds(array.size())) {
        throw new OperationFailure(
            "replace operation does not apply: doc is missing key: " + path + ": " + MISSING);
      }
      doc = pointer(location, Integer.toString(index.resolve(array.size()))).replace(doc, value);
    } else {
      // a missing member is added, as upstream's map assignment does
      doc = pointer(location, location.key()).add(doc, value);
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
    JsonValue expected = value(op);
    if (path.isEmpty()) {
      if (!doc.equals(expected)) {
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
    JsonValue actual = lookup.valueOrNull();
    boolean equal =
        actual.getValueType() == JsonValue.ValueType.NULL
            ? expected.getValueType() == JsonValue.ValueType.NULL
            : actual.equals(expected);
    if (!equal) {
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
    JsonValue value = lookup.value() == null ? JsonValue.NULL : lookup.value();
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
  private @Nullable String insert(Location location, JsonValue value) {
    if (location.container() instanceof JsonArray array) {
      String key = location.key();
      String token;
      if (key.equals("-")) {
        token = "-";
      } else {
        Index index = Index.parse(key);
        if (index.error() != null) {
          return "value was not a proper array index: '" + key + "': " + index.error();
        }
        int size = array.size() + 1;
        if (!index.inBounds(size)) {
          return invalidIndex(index.value());
        }
        token = Integer.toString(index.resolve(size));
      }
      doc = pointer(location, token).add(doc, value);
    } else {
      doc = pointer(location, location.key()).add(doc, value);
    }
    return null;
  }

  /** Removes what {@code location} names; returns upstream's error text, or null on success. */
  private @Nullable String delete(Location location) {
    if (location.container() instanceof JsonArray array) {
      Index index = Index.parse(location.key());
      if (index.error() != null) {
        return index.error();
      }
      if (!index.inBounds(array.size())) {
        return invalidIndex(index.value());
      }
      doc = pointer(location, Integer.toString(index.resolve(array.size()))).remove(doc);
    } else {
      JsonObject object = (JsonObject) location.container();
      if (!object.containsKey(location.key())) {
        return "Unable to remove nonexistent key: " + location.key() + ": " + MISSING;
      }
      doc = pointer(location, location.key()).remove(doc);
    }
    return null;
  }

  /** Reads what {@code location} names: a missing object member is no value, not an error. */
  private static Lookup get(Location location) {
    if (location.container() instanceof JsonArray array) {
      Index index = Index.parse(location.key());
      if (index.error() != null) {
        return new Lookup(null, index.error());
      }
      if (!index.inBounds(array.size())) {
        return new Lookup(null, invalidIndex(index.value()));
      }
      return new Lookup(array.get(index.resolve(array.size())), null);
    }
    return new Lookup(((JsonObject) location.container()).get(location.key()), null);
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
    JsonValue current = doc;
    List<String> tokens = new ArrayList<>(parts.length - 1);
    for (int i = 1; i < parts.length - 1; i++) {
      String part = unescape(parts[i]);
      JsonValue next;
      if (current instanceof JsonObject object) {
        next = object.get(part);
        tokens.add(part);
      } else {
        JsonArray array = (JsonArray) current;
        Index index = Index.parse(part);
        if (index.error() != null || !index.inBounds(array.size())) {
          return null;
        }
        int resolved = index.resolve(array.size());
        next = array.get(resolved);
        tokens.add(Integer.toString(resolved));
      }
      if (!(next instanceof JsonStructure)) {
        return null; // missing, null or a scalar
      }
      current = next;
    }
    return new Location((JsonStructure) current, tokens, unescape(parts[parts.length - 1]));
  }

  private static jakarta.json.JsonPointer pointer(Location location, String lastToken) {
    StringBuilder sb = new StringBuilder();
    for (String token : location.parentTokens()) {
      sb.append('/').append(escape(token));
    }
    sb.append('/').append(escape(lastToken));
    return JsonP.PROVIDER.createPointer(sb.toString());
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

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static @Nullable String stringField(@Nullable JsonNode op, String name) {
    if (op == null) {
      return null;
    }
    JsonNode value = op.get(name);
    return value != null && value.isString() ? value.stringValue() : null;
  }

  /** The operation's value; missing or {@code null} both mean JSON null, as upstream writes it. */
  private static JsonValue value(JsonNode op) {
    JsonNode value = op.get("value");
    return value == null ? JsonValue.NULL : JsonP.toJsonP(value);
  }

  /** Where an operation points: the existing container, its pointer tokens, the last token. */
  private record Location(JsonStructure container, List<String> parentTokens, String key) {}

  /** A value read at a location ({@code null}: a missing object member), or why it can't be. */
  private record Lookup(@Nullable JsonValue value, @Nullable String problem) {
    JsonValue valueOrNull() {
      return value == null ? JsonValue.NULL : value;
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
