package io.kapi.sample;

import dagger.BindsInstance;
import dagger.Component;
import io.kapi.aggregator.Aggregator;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.KubeApiServer;
import io.kapi.server.storage.Storage;
import javax.inject.Singleton;

/**
 * The Dagger component of the sample server: the chain aggregator → kube-apiserver →
 * apiextensions-apiserver → 404, each server from its own module.
 */
@Singleton
@Component(modules = {ApiExtensionsModule.class, KubeApiServerModule.class, AggregatorModule.class})
interface KapiServerComponent {

  /** The outermost server; serve its full handler chain. */
  Aggregator aggregator();

  /** The kube-apiserver of the chain; close it at shutdown to stop its namespace controller. */
  KubeApiServer kubeApiServer();

  /** Creates the component for one configuration. */
  @Component.Factory
  interface Factory {
    KapiServerComponent create(@BindsInstance ServerConfig config, @BindsInstance Storage storage);
  }
}
