package io.kapi.sample;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** fabric8 clients configured the way a user would: from the kubeconfig the server writes. */
final class Fabric8Clients {
  private Fabric8Clients() {}

  /** A client for the kubeconfig's current context (admin token, the server's CA). */
  static KubernetesClient fromKubeconfig(Path kubeconfig) {
    return fromKubeconfig(kubeconfig, config -> {});
  }

  /** Like {@link #fromKubeconfig(Path)}, with {@code tweak} applied to the parsed config. */
  static KubernetesClient fromKubeconfig(Path kubeconfig, Consumer<Config> tweak) {
    Config config;
    try {
      config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
    // fail fast instead of fabric8's default of retrying failed requests for seconds
    config.setRequestRetryBackoffLimit(0);
    tweak.accept(config);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
