package io.kapi.server.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.discovery.APIResource;
import io.kapi.api.discovery.APIResourceList;
import io.kapi.api.errors.ApiException;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.restcontainer.WebService;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.v1.CoreV1;
import io.kapi.server.core.v1.NamespaceDeletion;
import io.kapi.server.core.v1.NamespaceLifecycle;
import io.kapi.server.core.v1.NamespacedContent;
import io.kapi.server.discovery.LegacyDiscovery;
import io.kapi.server.endpoints.ApiInstaller;
import io.kapi.server.endpoints.InstalledApiGroup;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WriteOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kube-apiserver} of a chain: a {@link GenericApiServer} that serves the core group as
 * go-restful WebServices {@code /api/v1} (its resources) and {@code /api} (APIVersions), registered
 * in that order, as upstream does, so the director hands {@code /api/v1/...} to {@code /api/v1}.
 * Created with an installer builder it also runs the namespace lifecycle (admission, initial
 * namespaces, namespace controller); {@link #close()} stops it.
 */
public final class KubeApiServer implements AutoCloseable {
  /** The name the server logs under. */
  public static final String NAME = "kube-apiserver";

  private static final String NAMESPACES = "namespaces";
  private static final Duration NAMESPACE_RETRY_DELAY = Duration.ofSeconds(1);

  private final GenericApiServer server;
  private final List<APIResource> coreResources = new CopyOnWriteArrayList<>();
  private volatile @Nullable InstalledApiGroup core;
  private volatile @Nullable ApiInstaller installer;
  private volatile @Nullable NamespaceLifecycle lifecycle;
  private volatile @Nullable NamespaceDeletion deletion;

  private KubeApiServer(GenericApiServer server) {
    this.server = server;
  }

  /** Builds the server in front of {@code delegate} (the apiextensions-apiserver). */
  public static KubeApiServer create(ServerConfig config, DelegationTarget delegate) {
    checkNotNull(config, "config");
    checkNotNull(delegate, "delegate");
    KubeApiServer kube =
        new KubeApiServer(GenericApiServer.builder(NAME, config).delegate(delegate).build());
    kube.server.installWebService(
        WebService.builder("/api/v1")
            .documentation("API at /api/v1")
            .route(
                LegacyDiscovery.resourceListRoute(
                    () -> APIResourceList.of("v1", List.copyOf(kube.coreResources))))
            .build());
    kube.server.installWebService(
        LegacyDiscovery.apiVersions(List.of("v1"), config.externalAddress()));
    return kube;
  }

  /**
   * Builds the server in front of {@code delegate} serving the resources of {@code coreGroup} (the
   * legacy core group, {@code v1}) through {@code installer}: {@code /api/v1} with their routes and
   * resource list, then {@code /api}.
   *
   * @throws IllegalArgumentException if {@code coreGroup} is not the core group
   */
  public static KubeApiServer create(
      ServerConfig config, DelegationTarget delegate, ApiInstaller installer, ApiGroupInfo coreGroup) {
    checkNotNull(config, "config");
    checkNotNull(delegate, "delegate");
    checkNotNull(installer, "installer");
    checkArgument(coreGroup.isCore(), "%s is not the core group", coreGroup);
    KubeApiServer kube =
        new KubeApiServer(GenericApiServer.builder(NAME, config).delegate(delegate).build());
    kube.core = installer.install(kube.server, coreGroup);
    return kube;
  }

  /**
   * Builds the server in front of {@code delegate} serving {@code coreGroup} as {@link #create(
   * ServerConfig, DelegationTarget, ApiInstaller, ApiGroupInfo)} does, with the namespace lifecycle
   * of kube-apiserver when the group serves {@code namespaces} in {@code v1}: creating objects
   * needs an existing namespace that is not terminating (the {@link NamespaceLifecycle} becomes the
   * installer's namespace checker), the {@linkplain CoreV1#INITIAL_NAMESPACES initial namespaces}
   * exist, and the namespace controller ({@link NamespaceDeletion}) empties and removes deleted
   * namespaces through every namespaced store the installer installs, now or later, until {@link
   * #close()}.
   *
   * <pre>{@code
   * KubeApiServer kube = KubeApiServer.create(
   *     config, delegate, ApiInstaller.builder(storage), CoreV1.apiGroupInfo());
   * kube.installer().install(kube.genericServer(), moreGroups);   // their content joins
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code coreGroup} is not the core group
   */
  public static KubeApiServer create(
      ServerConfig config,
      DelegationTarget delegate,
      ApiInstaller.Builder installer,
      ApiGroupInfo coreGroup) {
    checkNotNull(config, "config");
    checkNotNull(delegate, "delegate");
    checkNotNull(installer, "installer");
    checkArgument(coreGroup.isCore(), "%s is not the core group", coreGroup);
    boolean servesNamespaces =
        coreGroup.versions().contains(CoreV1.VERSION)
            && coreGroup.resources(CoreV1.VERSION).stream()
                .anyMatch(r -> r.plural().equals(NAMESPACES) && !r.namespaced());
    AtomicReference<@Nullable Store> namespaceStore = new AtomicReference<>();
    // admission reads the namespace from the watch cache, as upstream's lister does
    NamespaceLifecycle lifecycle =
        new NamespaceLifecycle(
            name -> {
              Store current = namespaceStore.get();
              return current == null ? null : current.getCachedOrLive("", name);
            });
    if (servesNamespaces) {
      installer.namespaceChecker(lifecycle);
    }
    ApiInstaller built = installer.build();
    KubeApiServer kube =
        new KubeApiServer(GenericApiServer.builder(NAME, config).delegate(delegate).build());
    kube.installer = built;
    kube.core = built.install(kube.server, coreGroup);
    if (servesNamespaces) {
      Store namespaces = kube.core.store(CoreV1.VERSION, NAMESPACES);
      namespaceStore.set(namespaces);
      kube.lifecycle = lifecycle;
      try {
        for (Unstructured namespace : CoreV1.initialNamespaces()) {
          createIfAbsent(namespaces, namespace);
        }
        kube.deletion =
            NamespaceDeletion.start(
                namespaces, NamespacedContent.ofStores(built::stores), Clock.systemUTC(),
                NAMESPACE_RETRY_DELAY);
      } catch (RuntimeException e) {
        kube.close();
        throw e;
      }
    }
    return kube;
  }

  private static void createIfAbsent(Store store, Unstructured object) {
    try {
      store.create("", object, WriteOptions.DEFAULT);
    } catch (ApiException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }

  /** The installed core group, when the server was created with one. */
  public Optional<InstalledApiGroup> coreGroup() {
    return Optional.ofNullable(core);
  }

  /**
   * The installer of the core group when the server was created with an installer builder: install
   * further groups with it so their namespaced content is deleted with its namespace.
   */
  public Optional<ApiInstaller> installer() {
    return Optional.ofNullable(installer);
  }

  /**
   * The namespace lifecycle admission when the server serves namespaces, e.g. as the {@link
   * io.kapi.server.registry.NamespaceChecker} of a delegated server's stores.
   */
  public Optional<NamespaceLifecycle> namespaceLifecycle() {
    return Optional.ofNullable(lifecycle);
  }

  /** The generic server, to chain behind an aggregator or to serve directly. */
  public GenericApiServer genericServer() {
    return server;
  }

  /**
   * Stops the namespace controller and closes the core group's stores (open watches end).
   * Idempotent.
   */
  @Override
  public void close() {
    NamespaceDeletion d = deletion;
    if (d != null) {
      d.close();
    }
    InstalledApiGroup c = core;
    if (c != null) {
      c.close();
    }
  }
}
