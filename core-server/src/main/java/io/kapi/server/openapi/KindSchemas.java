package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.schema.ResourceSchema;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where an installer finds the schema of each kind it serves: the OpenAPI component that describes
 * the kind (so the served OpenAPI documents refer to it and {@code kubectl explain} finds it), and
 * the schema engine's view of it (so unknown fields of request bodies are pruned and reported per
 * {@code fieldValidation}). Built-in kinds use {@link #published(OpenApiDocument)} over {@link
 * OpenApiDocument#coreV1()}; a kind no source knows gets a generic object schema.
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
        public Optional<ResourceSchema> resourceSchema(GroupVersionKind gvk) {
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

  /** The schema engine's view of {@code gvk}, for pruning request bodies. */
  Optional<ResourceSchema> resourceSchema(GroupVersionKind gvk);

  /**
   * The kinds an OpenAPI v3 document describes with {@code x-kubernetes-group-version-kind}, e.g.
   * upstream's published core/v1 document.
   */
  static KindSchemas published(OpenApiDocument document) {
    return new PublishedKindSchemas(checkNotNull(document, "document"));
  }
}
