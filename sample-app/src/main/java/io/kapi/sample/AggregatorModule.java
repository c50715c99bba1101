package io.kapi.sample;

import dagger.Module;
import dagger.Provides;
import io.kapi.aggregator.Aggregator;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import javax.inject.Singleton;

/**
 * Provides the kube-aggregator in front of the kube-apiserver, with a local APIService for every
 * group version the servers below it list.
 */
@Module
final class AggregatorModule {
  private AggregatorModule() {}

  @Provides
  @Singleton
  static Aggregator aggregator(ServerConfig config, KubeApiServer kube) {
    Aggregator aggregator = Aggregator.create(config, kube.genericServer());
    aggregator.autoRegister();
    return aggregator;
  }
}
