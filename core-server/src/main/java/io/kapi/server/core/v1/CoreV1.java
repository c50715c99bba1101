package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in legacy core group ({@code /api/v1}) with the resources every client expects:
 * namespaces, pods, services, configmaps, secrets, events and serviceaccounts, each with upstream's
 * names, short names, categories, storage prefix, strategy and Table columns; plus the objects a
 * fresh server starts with.
 *
 * <pre>{@code
 * ApiGroupInfo core = CoreV1.apiGroupInfo();
 * for (Unstructured namespace : CoreV1.initialNamespaces()) {
 *   namespaces.createIfAbsent(namespace);   // through the namespaces store
 * }
 * }</pre>
 */
public final class CoreV1 {
  /** The version of the core group. */
  public static final String VERSION = "v1";

  /** The namespaces a cluster starts with, as {@code kubectl get ns} lists them. */
  public static final List<String> INITIAL_NAMESPACES =
      List.of("default", "kube-node-lease", "kube-public", "kube-system");

  private CoreV1() {}

  /** The core group with ages in Tables measured by the system clock. */
  public static ApiGroupInfo apiGroupInfo() {
    return apiGroupInfo(Clock.systemUTC());
  }

  /** The core group with ages in Tables ({@code AGE 5m}) measured by {@code clock}. */
  public static ApiGroupInfo apiGroupInfo(Clock clock) {
    checkNotNull(clock, "clock");
    CoreTables tables = new CoreTables(clock);
    ResourceDefinition configMaps =
        ResourceDefinition.builder("configmaps", "ConfigMap")
            .shortNames("cm")
            .strategy(new ConfigMapStrategy())
            .tableColumns(tables.configMaps())
            .build();
    ResourceDefinition events =
        ResourceDefinition.builder("events", "Event")
            .shortNames("ev")
            .strategy(new EventStrategy())
            .tableColumns(tables.events())
            .build();
    ResourceDefinition namespaces =
        ResourceDefinition.builder("namespaces", "Namespace")
            .clusterScoped()
            .shortNames("ns")
            .statusSubresource()
            .updateSubresource("finalize")
            .strategy(new NamespaceStrategy())
            .tableColumns(tables.namespaces())
            .build();
    ResourceDefinition pods =
        ResourceDefinition.builder("pods", "Pod")
            .shortNames("po")
            .categories("all")
            .statusSubresource()
            .strategy(new PodStrategy())
            .tableColumns(tables.pods())
            .build();
    ResourceDefinition secrets =
        ResourceDefinition.builder("secrets", "Secret")
            .strategy(new SecretStrategy())
            .tableColumns(tables.secrets())
            .build();
    ResourceDefinition serviceAccounts =
        ResourceDefinition.builder("serviceaccounts", "ServiceAccount")
            .shortNames("sa")
            .strategy(new ServiceAccountStrategy())
            .tableColumns(tables.serviceAccounts())
            .build();
    ResourceDefinition services =
        ResourceDefinition.builder("services", "Service")
            .shortNames("svc")
            .categories("all")
            .statusSubresource()
            .storagePrefix("services/specs")
            .strategy(new ServiceStrategy())
            .tableColumns(tables.services())
            .build();
    return ApiGroupInfo.builder("")
        .version(VERSION, configMaps, events, namespaces, pods, secrets, serviceAccounts, services)
        .build();
  }

  /**
   * The namespaces to create at start when missing ({@link #INITIAL_NAMESPACES}), as bare objects:
   * the namespaces store fills in status, finalizers and labels.
   */
  public static List<Unstructured> initialNamespaces() {
    return INITIAL_NAMESPACES.stream().map(CoreV1::namespace).toList();
  }

  /** A bare namespace object named {@code name}. */
  public static Unstructured namespace(String name) {
    checkNotNull(name, "name");
    Unstructured namespace = Unstructured.of(VERSION, "Namespace");
    namespace.setName(name);
    return namespace;
  }

  /**
   * The {@code kubernetes} service of {@code default} that a real cluster has: cluster IP {@code
   * 10.96.0.1}, port {@code https 443/TCP} to {@code targetPort}, with the {@code
   * component=apiserver} and {@code provider=kubernetes} labels.
   *
   * @throws IllegalArgumentException if {@code targetPort} is not a port number
   */
  public static Unstructured kubernetesService(int targetPort) {
    checkArgument(targetPort >= 1 && targetPort <= 65535, "not a port: %s", targetPort);
    Unstructured service = Unstructured.of(VERSION, "Service");
    service.setName("kubernetes");
    service.setNamespace("default");
    service.setLabels(Map.of("component", "apiserver", "provider", "kubernetes"));
    ObjectNode spec = Trees.objectForWrite(service, "spec");
    spec.put("clusterIP", ServiceAddresses.KUBERNETES_SERVICE_IP);
    spec.put("type", "ClusterIP");
    ArrayNode ports = spec.putArray("ports");
    ports
        .addObject()
        .put("name", "https")
        .put("port", 443)
        .put("protocol", "TCP")
        .put("targetPort", targetPort);
    return service;
  }

  /** The {@code default} service account that every namespace of a real cluster has. */
  public static Unstructured defaultServiceAccount(String namespace) {
    checkNotNull(namespace, "namespace");
    Unstructured account = Unstructured.of(VERSION, "ServiceAccount");
    account.setName("default");
    account.setNamespace(namespace);
    return account;
  }
}
