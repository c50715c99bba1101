package io.kapi.sample;

import dagger.Module;
import dagger.Provides;
import io.kapi.apiextensions.ApiExtensionsServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import javax.inject.Singleton;

/** Provides the kube-apiserver (built-in groups), delegating to the apiextensions-apiserver. */
@Module
final class KubeApiServerModule {
  private KubeApiServerModule() {}

  @Provides
  @Singleton
  static KubeApiServer kubeApiServer(ServerConfig config, ApiExtensionsServer apiExtensions) {
    return KubeApiServer.create(config, apiExtensions.genericServer());
  }
}
