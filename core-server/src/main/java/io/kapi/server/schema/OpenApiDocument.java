package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableMap;
import io.kapi.api.schema.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAPI v3 document such as upstream's published {@code
 * api/openapi-spec/v3/api__v1_openapi.json}: its {@code components.schemas} as {@link
 * StructuralSchema}s, and which component describes which kind ({@code
 * x-kubernetes-group-version-kind}).
 *
 * <p>Components are parsed on first request and cached; {@code $ref}s between them resolve lazily,
 * so cyclic definitions are fine. Instances are thread-safe.
 *
 * <pre>{@code
 * StructuralSchema pod = OpenApiDocument.coreV1().component("io.k8s.api.core.v1.Pod").orElseThrow();
 * }</pre>
 */
public final class OpenApiDocument {
  /** The resource holding upstream's core/v1 document (components only). */
  static final String CORE_V1_RESOURCE = "api__v1_openapi.json";

  private static final String REF_PREFIX = "#/components/schemas/";
  private static final Supplier<OpenApiDocument> CORE_V1 =
      Suppliers.memoize(() -> load(CORE_V1_RESOURCE));

  private final JsonNode schemas;
  private final ImmutableMap<GroupVersionKind, String> kinds;
  private final SchemaParser parser;
  private final Map<String, StructuralSchema> cache = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();

  private OpenApiDocument(JsonNode document) {
    JsonNode s = document.path("components").path("schemas");
    checkArgument(s.isObject(), "the document has no components.schemas object");
    this.schemas = s.deepCopy();
    Map<GroupVersionKind, String> byKind = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : schemas.properties()) {
      for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
        byKind.putIfAbsent(
            GroupVersionKind.of(
                gvk.path("group").asString(""),
                gvk.path("version").asString(""),
                gvk.path("kind").asString("")),
            e.getKey());
      }
    }
    this.kinds = ImmutableMap.copyOf(byKind);
    this.parser = SchemaParser.forDocument(this::resolve);
  }

  /**
   * Reads a document's {@code components.schemas}; the tree is copied.
   *
   * @throws IllegalArgumentException if there is no {@code components.schemas} object
   */
  public static OpenApiDocument parse(JsonNode document) {
    checkNotNull(document, "document");
    return new OpenApiDocument(document);
  }

  /**
   * Upstream's OpenAPI v3 document for the core group ({@code /openapi/v3/api/v1}), bundled with
   * this library: Pod, Service, ConfigMap, Secret, Namespace and the other core/v1 kinds, plus
   * {@code ObjectMeta} and the other apimachinery types they use.
   */
  public static OpenApiDocument coreV1() {
    return CORE_V1.get();
  }

  /** The schema of a component, e.g. {@code io.k8s.api.core.v1.Pod}. */
  public Optional<StructuralSchema> component(String name) {
    checkNotNull(name, "name");
    if (!schemas.has(name)) {
      return Optional.empty();
    }
    return Optional.of(resolve(REF_PREFIX + name));
  }

  /**
   * The JSON of every component schema, by name in document order, as copies the caller owns (for
   * publishing the schemas in this server's own OpenAPI documents).
   */
  public Map<String, JsonNode> componentsJson() {
    Map<String, JsonNode> copies = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : schemas.properties()) {
      copies.put(e.getKey(), e.getValue().deepCopy());
    }
    return copies;
  }

  /** The names of all components, in document order. */
  public Set<String> componentNames() {
    return new java.util.LinkedHashSet<>(schemas.propertyNames());
  }

  /** Which component describes which kind, from {@code x-kubernetes-group-version-kind}. */
  public Map<GroupVersionKind, String> kinds() {
    return kinds;
  }

  /** The schema of a kind, e.g. {@code v1, Kind=Pod}. */
  public Optional<StructuralSchema> schemaFor(GroupVersionKind gvk) {
    checkNotNull(gvk, "gvk");
    String name = kinds.get(gvk);
    return name == null ? Optional.empty() : component(name);
  }

  /** Resolves a {@code #/components/schemas/} reference, parsing each component once. */
  private synchronized StructuralSchema resolve(String ref) {
    checkArgument(ref.startsWith(REF_PREFIX), "unsupported $ref %s", ref);
    String name = ref.substring(REF_PREFIX.length());
    StructuralSchema cached = cache.get(name);
    if (cached != null) {
      return cached;
    }
    JsonNode node = schemas.get(name);
    checkArgument(node != null, "$ref %s names no component", ref);
    checkArgument(resolving.add(name), "$ref %s refers to itself without a schema in between", ref);
    try {
      StructuralSchema parsed = parser.parse(node, name);
      cache.put(name, parsed);
      return parsed;
    } finally {
      resolving.remove(name);
    }
  }

  private static OpenApiDocument load(String resource) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new OpenApiDocument(JsonMapper.shared().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
