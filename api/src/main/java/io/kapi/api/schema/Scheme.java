package io.kapi.api.schema;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import io.kapi.api.codec.ApiCodec;
import io.kapi.api.codec.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps kinds ({@link GroupVersionKind}) to the Java types that represent them and back, like
 * upstream's {@code runtime.Scheme}. One Java type may serve several kinds (e.g. {@code Status} in
 * every group version); a kind has exactly one type.
 *
 * <p>Immutable and thread-safe once built; registration mistakes fail at build time.
 *
 * <pre>{@code
 * Scheme scheme = Scheme.builder()
 *     .register(GroupVersionKind.of("", "v1", "Status"), Status.class)
 *     .register(GroupVersion.of("meta.k8s.io", "v1"), Table.class, PartialObjectMetadata.class)
 *     .build();
 * Object decoded = scheme.decode(ApiCodec.json(), body);
 * }</pre>
 */
public final class Scheme {
  private final String name;
  private final ImmutableMap<GroupVersionKind, Class<?>> typesByKind;
  private final ImmutableListMultimap<Class<?>, GroupVersionKind> kindsByType;

  private Scheme(Builder builder) {
    this.name = builder.name;
    this.typesByKind = ImmutableMap.copyOf(builder.types);
    ImmutableListMultimap.Builder<Class<?>, GroupVersionKind> kinds = ImmutableListMultimap.builder();
    builder.types.forEach((gvk, type) -> kinds.put(type, gvk));
    this.kindsByType = kinds.build();
  }

  /** A builder for a scheme named {@code kapi}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name used in error messages. */
  public String name() {
    return name;
  }

  /** The Java type registered for {@code kind}, or empty. */
  public Optional<Class<?>> typeFor(GroupVersionKind kind) {
    checkNotNull(kind, "kind");
    return Optional.ofNullable(typesByKind.get(kind));
  }

  /** True if {@code kind} is registered. */
  public boolean recognizes(GroupVersionKind kind) {
    checkNotNull(kind, "kind");
    return typesByKind.containsKey(kind);
  }

  /** Every kind {@code type} is registered under, in registration order; empty if none. */
  public List<GroupVersionKind> kindsFor(Class<?> type) {
    checkNotNull(type, "type");
    return kindsByType.get(type);
  }

  /**
   * The first kind {@code type} was registered under.
   *
   * @throws IllegalArgumentException if {@code type} is not registered
   */
  public GroupVersionKind kindFor(Class<?> type) {
    ImmutableList<GroupVersionKind> kinds = kindsByType.get(checkNotNull(type, "type"));
    checkArgument(!kinds.isEmpty(), "%s is not registered in scheme %s", type.getName(), name);
    return kinds.get(0);
  }

  /** Every registered kind, in registration order. */
  public Set<GroupVersionKind> knownKinds() {
    return typesByKind.keySet();
  }

  /**
   * Decodes an object whose {@code apiVersion} and {@code kind} name a registered kind into its
   * Java type.
   *
   * @throws DecodeException if the bytes are malformed, lack {@code kind} or {@code apiVersion}
   *     (upstream's {@code Object 'Kind' is missing in '…'}), name an unregistered kind ({@code no
   *     kind "Foo" is registered for version "example.com/v1" in scheme "kapi"}), or do not fit the
   *     type
   */
  public Object decode(ApiCodec codec, byte[] bytes) {
    checkNotNull(codec, "codec");
    checkNotNull(bytes, "bytes");
    JsonNode tree = codec.decode(bytes, JsonNode.class);
    String kind = textField(tree, "kind");
    if (kind.isEmpty()) {
      throw new DecodeException(
          "Object 'Kind' is missing in '" + new String(bytes, StandardCharsets.UTF_8) + "'", null, -1, -1, null);
    }
    String apiVersion = textField(tree, "apiVersion");
    if (apiVersion.isEmpty()) {
      throw new DecodeException(
          "Object 'apiVersion' is missing in '" + new String(bytes, StandardCharsets.UTF_8) + "'",
          null, -1, -1, null);
    }
    GroupVersionKind gvk = GroupVersionKind.fromApiVersionAndKind(apiVersion, kind);
    Class<?> type = typesByKind.get(gvk);
    if (type == null) {
      throw new DecodeException(
          String.format(
              "no kind \"%s\" is registered for version \"%s\" in scheme \"%s\"",
              gvk.kind(), gvk.apiVersion(), name),
          null, -1, -1, null);
    }
    return codec.fromTree(tree, type);
  }

  private static String textField(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    return value != null && value.isString() ? value.stringValue() : "";
  }

  /** Collects registrations; not thread-safe. */
  public static final class Builder {
    private final Map<GroupVersionKind, Class<?>> types = new LinkedHashMap<>();
    private String name = "kapi";

    private Builder() {}

    /** Names the scheme in error messages (default {@code kapi}). */
    public Builder name(String schemeName) {
      checkNotNull(schemeName, "schemeName");
      this.name = schemeName;
      return this;
    }

    /**
     * Registers {@code type} as the representation of {@code kind}.
     *
     * @throws IllegalArgumentException if {@code kind} has an empty version or kind, or is already
     *     registered
     */
    public Builder register(GroupVersionKind kind, Class<?> type) {
      checkNotNull(kind, "kind");
      checkNotNull(type, "type");
      checkArgument(!kind.version().isEmpty(), "kind %s has an empty version", kind);
      checkArgument(!kind.kind().isEmpty(), "kind %s has an empty kind", kind);
      Class<?> existing = types.get(kind);
      checkArgument(
          existing == null,
          "kind %s is already registered to %s; cannot register it to %s",
          kind,
          existing == null ? "" : existing.getName(),
          type.getName());
      types.put(kind, type);
      return this;
    }

    /**
     * Registers each type under its simple class name as kind in {@code groupVersion}, like
     * upstream's {@code AddKnownTypes}.
     *
     * @throws IllegalArgumentException as {@link #register(GroupVersionKind, Class)}
     */
    public Builder register(GroupVersion groupVersion, Class<?>... typesToAdd) {
      checkNotNull(groupVersion, "groupVersion");
      for (Class<?> type : typesToAdd) {
        checkNotNull(type, "type");
        register(groupVersion.withKind(type.getSimpleName()), type);
      }
      return this;
    }

    /** The immutable scheme. */
    public Scheme build() {
      return new Scheme(this);
    }
  }
}
