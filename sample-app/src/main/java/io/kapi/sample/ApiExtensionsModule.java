package io.kapi.sample;

import dagger.Module;
import dagger.Provides;
import io.kapi.apiextensions.ApiExtensionsServer;
import io.kapi.server.DelegationTarget;
import io.kapi.server.NotFoundHandler;
import io.kapi.server.ServerConfig;
import javax.inject.Singleton;

/** Provides the apiextensions-apiserver, in front of the final 404. */
@Module
final class ApiExtensionsModule {
  private ApiExtensionsModule() {}

  @Provides
  @Singleton
  static ApiExtensionsServer apiExtensionsServer(ServerConfig config) {
    return ApiExtensionsServer.create(config, DelegationTarget.withHandler(new NotFoundHandler()));
  }
}
