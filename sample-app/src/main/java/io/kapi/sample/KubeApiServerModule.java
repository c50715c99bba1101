package io.kapi.sample;

import dagger.Module;
import dagger.Provides;
import io.kapi.api.errors.ApiException;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.apiextensions.ApiExtensionsServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.core.v1.CoreV1;
import io.kapi.server.core.v1.NamespaceAccess;
import io.kapi.server.core.v1.NamespaceLifecycle;
import io.kapi.server.endpoints.ApiInstaller;
import io.kapi.server.endpoints.PatchAppliers;
import io.kapi.server.endpoints.SchemaPatchApplier;
import io.kapi.server.openapi.KindSchemas;
import io.kapi.server.patch.Patcher;
import io.kapi.server.patch.SchemaPatchSchema;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WriteOptions;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.schema.PatchMetadata;
import io.kapi.server.storage.Storage;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Singleton;

/**
 * Provides the kube-apiserver (built-in core/v1 group over the configured storage), delegating to
 * the apiextensions-apiserver; the initial namespaces exist from the first start on.
 */
@Module
final class KubeApiServerModule {
  private KubeApiServerModule() {}

  @Provides
  @Singleton
  static KubeApiServer kubeApiServer(
      ServerConfig config, ApiExtensionsServer apiExtensions, Storage storage) {
    AtomicReference<Store> namespaces = new AtomicReference<>();
    NamespaceLifecycle lifecycle =
        new NamespaceLifecycle(name -> NamespaceAccess.of(namespaces.get()).get(name));
    ApiInstaller installer =
        ApiInstaller.builder(storage)
            .namespaceChecker(lifecycle)
            .patchAppliers(builtInPatches(Patcher.create(config.maxRequestBodyBytes())))
            .kindSchemas(KindSchemas.published(OpenApiDocument.coreV1()))
            .build();
    KubeApiServer kube =
        KubeApiServer.create(
            config, apiExtensions.genericServer(), installer, CoreV1.apiGroupInfo());
    Store namespaceStore = kube.coreGroup().orElseThrow().store(CoreV1.VERSION, "namespaces");
    namespaces.set(namespaceStore);
    for (Unstructured namespace : CoreV1.initialNamespaces()) {
      try {
        namespaceStore.create("", namespace, WriteOptions.DEFAULT);
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
    return kube;
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
