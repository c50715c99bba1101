package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.schema.OpenApiDocument;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where an installer finds the schema of each kind it serves: the OpenAPI component that describes
 * the kind (so the served OpenAPI documents refer to it and {@code kubectl explain} finds it), and
 * the schema engine's view of it (so unknown fields of request bodies are pruned and reported per
 * {@code fieldValidation}). Built-in kinds use {@link #published(OpenApiDocument)} over {@link
 * OpenApiDocument#coreV1()}, SDK kinds {@link #records(Map)}; combine sources with {@link #or}. A
 * kind no source knows gets a generic object schema and no hook.
 *
 * <pre>{@code
 * ApiInstaller installer = ApiInstaller.builder(storage)
 *     .kindSchemas(KindSchemas.published(OpenApiDocument.coreV1()))
 *     .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and answer the same for the same kind.
 */
public interface KindSchemas {

  /** Knows no kind. */
  KindSchemas NONE =
      new KindSchemas() {
        @Override
        public Optional<String> componentName(GroupVersionKind gvk) {
          return Optional.empty();
        }

        @Override
        public Map<String, JsonNode> components() {
          return Map.of();
        }

        @Override
        public Optional<ObjectSchemaHook> schemaHook(GroupVersionKind gvk) {
          return Optional.empty();
        }

        @Override
        public String toString() {
          return "KindSchemas.NONE";
        }
      };

  /**
   * The name of the component schema describing {@code gvk} (e.g. {@code
   * io.k8s.api.core.v1.ConfigMap} for {@code v1, Kind=ConfigMap}), found in {@link #components()}.
   */
  Optional<String> componentName(GroupVersionKind gvk);

  /**
   * Component schemas by name: the kinds' schemas and every schema they refer to. Callers must not
   * change the returned nodes.
   */
  Map<String, JsonNode> components();

  /**
   * The schema hook of {@code gvk}'s resources (pruning, and for schemas that are the whole truth,
   * defaulting and validation), for resources declared without their own.
   */
  Optional<ObjectSchemaHook> schemaHook(GroupVersionKind gvk);

  /**
   * This source, then {@code other} for the kinds this one does not know; components of both
   * (this one's win on a name clash).
   */
  default KindSchemas or(KindSchemas other) {
    checkNotNull(other, "other");
    return new CombinedKindSchemas(this, other);
  }

  /**
   * The kinds an OpenAPI v3 document describes with {@code x-kubernetes-group-version-kind}, e.g.
   * upstream's published core/v1 document. Their hooks only prune: built-in kinds validate and
   * default in their strategies, as kube-apiserver does in Go code.
   */
  static KindSchemas published(OpenApiDocument document) {
    return new PublishedKindSchemas(checkNotNull(document, "document"));
  }

  /**
   * Kinds described by Java records (see {@link io.kapi.server.schema.RecordSchemas}): each is
   * published as component {@code <reversed group>.<version>.<Kind>} (like a CRD's), and its hook
   * prunes, defaults and validates with the record's schema.
   *
   * <pre>{@code
   * KindSchemas flunders = KindSchemas.records(
   *     Map.of(GroupVersionKind.of("wardle.example.com", "v1alpha1", "Flunder"), Flunder.class));
   * }</pre>
   *
   * @throws IllegalArgumentException if a type is not a record or has a component with no JSON
   *     schema mapping
   */
  static KindSchemas records(Map<GroupVersionKind, Class<? extends Record>> kinds) {
    checkNotNull(kinds, "kinds");
    return new RecordKindSchemas(kinds);
  }
}
