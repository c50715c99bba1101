package io.kapi.sample;

import dagger.Module;
import dagger.Provides;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.apiextensions.ApiExtensionsServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.core.v1.CoreV1;
import io.kapi.server.endpoints.ApiInstaller;
import io.kapi.server.endpoints.PatchAppliers;
import io.kapi.server.endpoints.SchemaPatchApplier;
import io.kapi.server.openapi.KindSchemas;
import io.kapi.server.patch.Patcher;
import io.kapi.server.patch.SchemaPatchSchema;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.schema.PatchMetadata;
import io.kapi.server.storage.Storage;
import javax.inject.Singleton;

/**
 * Provides the kube-apiserver (built-in core/v1 group over the configured storage), delegating to
 * the apiextensions-apiserver; the server itself runs the namespace lifecycle (initial namespaces,
 * admission, namespace controller).
 */
@Module
final class KubeApiServerModule {
  private KubeApiServerModule() {}

  @Provides
  @Singleton
  static KubeApiServer kubeApiServer(
      ServerConfig config, ApiExtensionsServer apiExtensions, Storage storage) {
    return KubeApiServer.create(
        config,
        apiExtensions.genericServer(),
        ApiInstaller.builder(storage)
            .patchAppliers(builtInPatches(Patcher.create(config.maxRequestBodyBytes())))
            .kindSchemas(KindSchemas.published(OpenApiDocument.coreV1())),
        CoreV1.apiGroupInfo());
  }

  /** Strategic merge patch with the merge keys of the published core/v1 schemas. */
  private static PatchAppliers builtInPatches(Patcher patcher) {
    OpenApiDocument published = OpenApiDocument.coreV1();
    return (groupVersion, resource) ->
        published
            .schemaFor(
                new GroupVersionKind(groupVersion.group(), groupVersion.version(), resource.kind()))
            .<io.kapi.server.endpoints.PatchApplier>map(
                schema ->
                    SchemaPatchApplier.strategic(
                        patcher, SchemaPatchSchema.of(PatchMetadata.of(schema))))
            .orElseGet(() -> SchemaPatchApplier.jsonAndMerge(patcher));
  }
}
