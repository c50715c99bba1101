package io.kapi.server.patch;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a PATCH request body to the current object the way kube-apiserver does, with its status
 * codes and messages for bad patches: JSON patch (RFC 6902), JSON merge patch (RFC 7386) and
 * strategic merge patch. It only computes the patched object; decoding it into the resource,
 * defaulting and validating it is the caller's job, as upstream's handler does after patching.
 *
 * <pre>{@code
 * Patcher patcher = Patcher.create(3 * 1024 * 1024);
 * PatchType type = PatchType.fromContentType(contentType)
 *     .orElseThrow(() -> ApiErrors.unsupportedMediaType(PatchType.contentTypes(true)));
 * ObjectNode patched = patcher.apply(type, current, body, schema);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Patcher {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final long maxBytes;

  private Patcher(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * A patcher whose results may encode to at most {@code maxBytes} bytes of JSON (upstream's
   * request body limit, 3 MiB), which also bounds what JSON patch {@code copy} operations may add
   * together (upstream's {@code JSONPatchMaxCopyBytes}, also 3 MiB).
   */
  public static Patcher create(long maxBytes) {
    checkArgument(maxBytes > 0, "maxBytes must be positive: %s", maxBytes);
    return new Patcher(maxBytes);
  }

  /**
   * Returns {@code original} patched by {@code patchBody}; {@code original} is not modified.
   *
   * @param type {@link PatchType#JSON_PATCH}, {@link PatchType#MERGE_PATCH} or {@link
   *     PatchType#STRATEGIC_MERGE_PATCH}; server-side apply is not a patch this class applies
   * @param schema how lists merge, for strategic merge patch ({@link PatchSchema#unknown()} makes
   *     it a plain merge that replaces lists); ignored by the other types
   * @throws ApiException 400 BadRequest for a body that is not JSON or not a patch of this type and
   *     for malformed strategic merge patches (upstream answers some of those with a 500; the
   *     messages are upstream's), 413 RequestEntityTooLarge for a JSON patch of more than 10000
   *     operations or a result over the size limit, 422 Invalid for a JSON patch operation that
   *     does not apply (upstream's fixed message; the exception's cause says why), for a result
   *     that is not an object or nests deeper than a JSON parser reads, and for strategic merge
   *     patches of lists of lists
   * @throws IllegalArgumentException for {@link PatchType#APPLY_PATCH_YAML}
   */
  public ObjectNode apply(
      PatchType type, ObjectNode original, byte[] patchBody, PatchSchema schema) {
    checkNotNull(type, "type");
    checkNotNull(original, "original");
    checkNotNull(patchBody, "patchBody");
    checkNotNull(schema, "schema");
    checkArgument(
        type != PatchType.APPLY_PATCH_YAML,
        "server-side apply is not applied by Patcher: %s",
        type);
    JsonNode patch = parse(patchBody);
    ObjectNode patched;
    try {
      patched =
          switch (type) {
            case JSON_PATCH -> JsonPatch.apply(original, patch, maxBytes);
            case MERGE_PATCH -> MergePatch.apply(original, patch);
            case STRATEGIC_MERGE_PATCH -> StrategicMergePatch.apply(original, patch, schema);
            case APPLY_PATCH_YAML -> throw new AssertionError(type);
          };
    } catch (JsonP.TooDeepException e) {
      throw PatchErrors.invalidResult(null, "the patched object is " + e.getMessage());
    }
    checkSize(patched);
    return patched;
  }

  /**
   * Upstream's answer to a patch whose result has fields the schema does not know, under {@code
   * fieldValidation=Strict}: 422 Invalid with no kind or name, one cause on field {@code patch}
   * whose value is the patched object as compact JSON with sorted keys (JSON and merge patch) or
   * Go's {@code %+v} of the patch itself (strategic merge patch), and the detail {@code strict
   * decoding error: unknown field "spec.foo"}.
   *
   * @param patched the patched object before pruning
   */
  public static ApiException strictDecodingError(
      PatchType type, byte[] patchBody, ObjectNode patched, List<String> unknownFields) {
    checkNotNull(type, "type");
    checkNotNull(patched, "patched");
    String value;
    if (type == PatchType.STRATEGIC_MERGE_PATCH) {
      value = GoValues.v(parse(patchBody));
    } else {
      Unstructured sorted = new Unstructured(patched.deepCopy());
      sorted.sortKeys();
      byte[] json = ApiCodec.json().encode(sorted.object());
      value = new String(json, 0, json.length - 1, StandardCharsets.UTF_8);
    }
    return ApiErrors.invalid(
        "",
        "",
        "",
        List.of(
            FieldError.invalid(
                "patch", value, "strict decoding error: " + String.join(", ", unknownFields))));
  }

  /** The body as JSON; 400 {@code invalid JSON patch} when it is not one JSON value. */
  private static JsonNode parse(byte[] body) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JacksonException e) {
      throw PatchErrors.invalidJson();
    }
    if (tree == null || tree.isMissingNode()) {
      throw PatchErrors.invalidJson();
    }
    return tree;
  }

  private void checkSize(ObjectNode patched) {
    CountingOutputStream counter = new CountingOutputStream();
    ApiCodec.json().encodeTo(patched, counter, false);
    long size = counter.count - 1; // the codec ends JSON with a newline
    if (size > maxBytes) {
      throw ApiErrors.requestEntityTooLarge(maxBytes);
    }
  }

  private static final class CountingOutputStream extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  @Override
  public String toString() {
    return "Patcher{maxBytes=" + maxBytes + "}";
  }
}
