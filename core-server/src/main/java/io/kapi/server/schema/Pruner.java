package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drops the fields a schema does not declare, as upstream's structural pruning does on every decode
 * ({@code apiextensions-apiserver} {@code pruning.PruneWithOptions}), and reports their paths
 * ({@code spec.foo}, {@code spec.items[0].bar}) for {@code Warning} headers or a strict decoding
 * error (see {@link FieldValidation}).
 *
 * <p>Fields covered by {@code additionalProperties} are kept, and below {@code
 * x-kubernetes-preserve-unknown-fields: true} unknown fields are kept while known ones are still
 * pruned. At a resource root and in {@code x-kubernetes-embedded-resource} objects, {@code
 * apiVersion} and {@code kind} are never pruned and {@code metadata} is pruned against {@code
 * ObjectMeta} (its unknown fields reported as {@code metadata.foo}), as upstream's decoding of
 * {@code metadata} into {@code ObjectMeta} does.
 */
public final class Pruner {
  private static final Set<String> META_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final List<String> rootMetadataPaths = new ArrayList<>();
  private final List<String> prunedPaths = new ArrayList<>();
  private final List<String> embeddedMetadataPaths = new ArrayList<>();

  private Pruner() {}

  /**
   * Prunes {@code value} in place and returns the paths of the removed fields: those of a root
   * {@code metadata} first, then the others sorted, then those of embedded resources' {@code
   * metadata}, sorted.
   *
   * @param isResourceRoot whether {@code value} is a whole resource (an object with {@code
   *     apiVersion}, {@code kind} and {@code metadata})
   */
  public static List<String> prune(
      JsonNode value, StructuralSchema schema, boolean isResourceRoot) {
    checkNotNull(value, "value");
    checkNotNull(schema, "schema");
    Pruner p = new Pruner();
    if (isResourceRoot) {
      p.pruneMetadata(value, "", p.rootMetadataPaths);
    }
    p.prune(value, schema, "", p.prunedPaths, isResourceRoot);
    Collections.sort(p.rootMetadataPaths);
    Collections.sort(p.prunedPaths);
    Collections.sort(p.embeddedMetadataPaths);
    List<String> all = new ArrayList<>(p.rootMetadataPaths);
    all.addAll(p.prunedPaths);
    all.addAll(p.embeddedMetadataPaths);
    return all;
  }

  /**
   * Prunes one value. {@code forceEmbedded} treats an object as an embedded resource whatever its
   * schema says (the resource root).
   */
  private void prune(
      JsonNode x,
      @Nullable StructuralSchema s,
      String path,
      List<String> sink,
      boolean forceEmbedded) {
    if (s != null && s.preserveUnknownFields()) {
      skipPrune(x, s, path, sink, forceEmbedded);
      return;
    }
    if (x.isObject()) {
      ObjectNode object = (ObjectNode) x;
      if (s == null) {
        for (String k : new ArrayList<>(object.propertyNames())) {
          sink.add(FieldPaths.child(path, k));
          object.remove(k);
        }
        return;
      }
      boolean embedded = forceEmbedded || s.embeddedResource();
      if (embedded && !path.isEmpty()) {
        pruneMetadata(object, path, embeddedMetadataPaths);
      }
      for (String k : new ArrayList<>(object.propertyNames())) {
        if (embedded && META_FIELDS.contains(k)) {
          continue;
        }
        JsonNode v = object.get(k);
        StructuralSchema property = s.propertyOrNull(k);
        if (property != null) {
          prune(v, property, FieldPaths.child(path, k), sink, false);
        } else if (s.hasAdditionalProperties()) {
          prune(v, s.additionalPropertiesOrNull(), FieldPaths.child(path, k), sink, false);
        } else {
          if (!META_FIELDS.contains(k) || !path.isEmpty()) {
            sink.add(FieldPaths.child(path, k));
          }
          object.remove(k);
        }
      }
    } else if (x.isArray()) {
      StructuralSchema items = s == null ? null : s.itemsOrNull();
      for (int i = 0; i < x.size(); i++) {
        prune(x.get(i), items, FieldPaths.index(path, i), sink, false);
      }
    }
  }

  /** Below preserve-unknown-fields: unknown fields stay, known ones are pruned by their schema. */
  private void skipPrune(
      JsonNode x,
      @Nullable StructuralSchema s,
      String path,
      List<String> sink,
      boolean forceEmbedded) {
    if (s == null) {
      return;
    }
    if (x.isObject()) {
      boolean embedded = forceEmbedded || s.embeddedResource();
      if (embedded && !path.isEmpty()) {
        pruneMetadata(x, path, embeddedMetadataPaths);
      }
      for (String k : new ArrayList<>(x.propertyNames())) {
        if (embedded && META_FIELDS.contains(k)) {
          continue;
        }
        JsonNode v = x.get(k);
        StructuralSchema property = s.propertyOrNull(k);
        if (property != null) {
          prune(v, property, FieldPaths.child(path, k), sink, false);
        } else if (s.hasAdditionalProperties()) {
          prune(v, s.additionalPropertiesOrNull(), FieldPaths.child(path, k), sink, false);
        }
      }
    } else if (x.isArray()) {
      for (int i = 0; i < x.size(); i++) {
        skipPrune(x.get(i), s.itemsOrNull(), FieldPaths.index(path, i), sink, false);
      }
    }
  }

  /**
   * Prunes an embedded resource's {@code metadata} as upstream's {@code ObjectMeta} decoding does.
   */
  private void pruneMetadata(JsonNode object, String path, List<String> sink) {
    JsonNode metadata = object.get("metadata");
    if (metadata != null && metadata.isObject()) {
      prune(metadata, ObjectMetaSchema.get(), FieldPaths.child(path, "metadata"), sink, false);
    }
  }
}
