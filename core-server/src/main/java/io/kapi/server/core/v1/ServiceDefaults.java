package io.kapi.server.core.v1;

import io.kapi.api.unstructured.Unstructured;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a service gets besides what its client sent: the v1 scheme defaults ({@code
 * SetDefaults_Service}), the allocated cluster IP, node ports and IP family fields that
 * kube-apiserver's service REST storage assigns, and on update the allocated values the client left
 * out.
 */
final class ServiceDefaults {
  private ServiceDefaults() {}

  /** Defaults and allocations for a new service. */
  static void prepareForCreate(Unstructured service) {
    ObjectNode spec = Trees.objectForWrite(service, "spec");
    schemeDefaults(spec);
    syncClusterIps(spec);
    allocate(service, spec);
  }

  /** Defaults, carried-over allocations and new allocations for an update. */
  static void prepareForUpdate(Unstructured service, Unstructured old) {
    ObjectNode spec = Trees.objectForWrite(service, "spec");
    ObjectNode oldSpec = Trees.object(old, "spec");
    schemeDefaults(spec);
    if (oldSpec != null) {
      keepAllocated(spec, oldSpec);
      dropTypeDependentFields(spec, oldSpec);
    }
    syncClusterIps(spec);
    allocate(service, spec);
  }

  /** {@code SetDefaults_Service}. */
  static void schemeDefaults(ObjectNode spec) {
    Trees.defaultString(spec, "type", "ClusterIP");
    Trees.defaultString(spec, "sessionAffinity", "None");
    if (Trees.string(spec, "sessionAffinity").equals("ClientIP")
        && !Trees.hasInteger(
            Trees.object(Trees.object(spec, "sessionAffinityConfig"), "clientIP"),
            "timeoutSeconds")) {
      ObjectNode config = spec.putObject("sessionAffinityConfig");
      config.putObject("clientIP").put("timeoutSeconds", 10800);
    }
    for (ObjectNode port : Trees.objects(spec, "ports")) {
      Trees.defaultString(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      boolean unset =
          target == null
              || target.isNull()
              || (target.isIntegralNumber() && target.longValue() == 0)
              || (target.isString() && target.stringValue().isEmpty());
      if (unset && Trees.hasInteger(port, "port")) {
        port.put("targetPort", (int) Trees.integer(port, "port"));
      }
    }
    String type = Trees.string(spec, "type");
    if (externallyAccessible(spec)) {
      Trees.defaultString(spec, "externalTrafficPolicy", "Cluster");
    }
    if (!type.equals("ExternalName")) {
      Trees.defaultString(spec, "internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer") && !Trees.present(spec, "allocateLoadBalancerNodePorts")) {
      spec.put("allocateLoadBalancerNodePorts", true);
    }
  }

  /** A client that sets only {@code clusterIP} gets {@code clusterIPs} to match. */
  private static void syncClusterIps(ObjectNode spec) {
    String clusterIp = Trees.string(spec, "clusterIP");
    if (!clusterIp.isEmpty() && Trees.size(spec, "clusterIPs") == 0) {
      spec.set("clusterIPs", Trees.stringArray(List.of(clusterIp)));
    }
  }

  private static void allocate(Unstructured service, ObjectNode spec) {
    String type = Trees.string(spec, "type");
    if (type.equals("ExternalName")) {
      return;
    }
    String namespace = Objects.requireNonNullElse(service.getNamespace(), "");
    String name = Objects.requireNonNullElse(service.getName(), "");
    if (Trees.string(spec, "clusterIP").isEmpty() && Trees.size(spec, "clusterIPs") == 0) {
      String ip = ServiceAddresses.clusterIp(namespace, name);
      spec.put("clusterIP", ip);
      spec.set("clusterIPs", Trees.stringArray(List.of(ip)));
    }
    if (!Trees.present(spec, "ipFamilyPolicy")) {
      boolean headlessWithoutSelector = headless(spec) && Trees.size(spec, "selector") == 0;
      spec.put("ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
    }
    if (Trees.size(spec, "ipFamilies") == 0) {
      spec.set("ipFamilies", Trees.stringArray(List.of("IPv4")));
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      Set<Integer> taken = new HashSet<>();
      List<ObjectNode> ports = Trees.objects(spec, "ports");
      ports.forEach(p -> taken.add((int) Trees.integer(p, "nodePort")));
      for (int i = 0; i < ports.size(); i++) {
        ObjectNode port = ports.get(i);
        if (Trees.integer(port, "nodePort") == 0) {
          String key = Trees.string(port, "name") + "/" + i;
          int nodePort = ServiceAddresses.nodePort(namespace, name, key, taken);
          taken.add(nodePort);
          port.put("nodePort", nodePort);
        }
      }
      if (type.equals("LoadBalancer")
          && Trees.string(spec, "externalTrafficPolicy").equals("Local")
          && Trees.integer(spec, "healthCheckNodePort") == 0) {
        spec.put(
            "healthCheckNodePort", ServiceAddresses.nodePort(namespace, name, "health", taken));
      }
    }
  }

  /**
   * An update that leaves allocated values out keeps the old ones ({@code patchAllocatedValues}).
   */
  private static void keepAllocated(ObjectNode spec, ObjectNode oldSpec) {
    String type = Trees.string(spec, "type");
    String oldType = Trees.string(oldSpec, "type");
    if (!type.equals("ExternalName") && !oldType.equals("ExternalName")) {
      if (Trees.string(spec, "clusterIP").isEmpty() && Trees.size(spec, "clusterIPs") == 0) {
        copy(oldSpec, spec, "clusterIP");
        copy(oldSpec, spec, "clusterIPs");
      }
      if (!Trees.present(spec, "ipFamilyPolicy")) {
        copy(oldSpec, spec, "ipFamilyPolicy");
      }
      if (Trees.size(spec, "ipFamilies") == 0) {
        copy(oldSpec, spec, "ipFamilies");
      }
    }
    if (needsNodePorts(oldType) && needsNodePorts(type)) {
      Map<String, JsonNode> byName = new HashMap<>();
      Set<Long> used = new HashSet<>();
      for (ObjectNode port : Trees.objects(oldSpec, "ports")) {
        if (Trees.integer(port, "nodePort") != 0) {
          byName.put(Trees.string(port, "name"), port.get("nodePort"));
        }
      }
      for (ObjectNode port : Trees.objects(spec, "ports")) {
        used.add(Trees.integer(port, "nodePort"));
      }
      for (ObjectNode port : Trees.objects(spec, "ports")) {
        JsonNode old = byName.get(Trees.string(port, "name"));
        if (Trees.integer(port, "nodePort") == 0 && old != null && used.add(old.longValue())) {
          port.set("nodePort", old.deepCopy());
        }
      }
      if (Trees.integer(spec, "healthCheckNodePort") == 0) {
        copy(oldSpec, spec, "healthCheckNodePort");
      }
    }
  }

  /**
   * Clears what the new type does not use when the client left the old value in place ({@code
   * dropTypeDependentFields}).
   */
  private static void dropTypeDependentFields(ObjectNode spec, ObjectNode oldSpec) {
    String type = Trees.string(spec, "type");
    if (type.equals(Trees.string(oldSpec, "type"))) {
      return;
    }
    if (type.equals("ExternalName")) {
      for (String field : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
        if (Objects.equals(spec.get(field), oldSpec.get(field))) {
          spec.remove(field);
        }
      }
    }
    if (!needsNodePorts(type)) {
      List<ObjectNode> oldPorts = Trees.objects(oldSpec, "ports");
      Set<Long> oldNodePorts = new HashSet<>();
      oldPorts.forEach(p -> oldNodePorts.add(Trees.integer(p, "nodePort")));
      for (ObjectNode port : Trees.objects(spec, "ports")) {
        if (oldNodePorts.contains(Trees.integer(port, "nodePort"))) {
          port.remove("nodePort");
        }
      }
    }
    if (!type.equals("LoadBalancer")
        && Trees.integer(spec, "healthCheckNodePort")
            == Trees.integer(oldSpec, "healthCheckNodePort")) {
      spec.remove("healthCheckNodePort");
    }
    if (!type.equals("LoadBalancer")
        && Objects.equals(
            spec.get("allocateLoadBalancerNodePorts"),
            oldSpec.get("allocateLoadBalancerNodePorts"))) {
      spec.remove("allocateLoadBalancerNodePorts");
    }
    if (!externallyAccessible(spec)
        && Objects.equals(
            spec.get("externalTrafficPolicy"), oldSpec.get("externalTrafficPolicy"))) {
      spec.remove("externalTrafficPolicy");
    }
  }

  /** Whether the service is reachable from outside: a load balancer, node ports or external IPs. */
  static boolean externallyAccessible(@Nullable ObjectNode spec) {
    String type = Trees.string(spec, "type");
    return type.equals("LoadBalancer")
        || type.equals("NodePort")
        || (type.equals("ClusterIP") && Trees.size(spec, "externalIPs") > 0);
  }

  /** Whether the service has {@code clusterIPs: ["None"]}. */
  static boolean headless(@Nullable ObjectNode spec) {
    List<String> ips = Trees.strings(spec, "clusterIPs");
    return ips.size() == 1 && ips.get(0).equals("None");
  }

  static boolean needsNodePorts(String type) {
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null) {
      to.set(field, value.deepCopy());
    }
  }
}
