package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The essential checks of upstream's {@code ValidateService}/{@code ValidateServiceUpdate} and of
 * the cluster IP allocation that runs before them, with upstream's field paths and texts.
 */
final class ServiceValidation {
  private static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");

  private ServiceValidation() {}

  /**
   * Errors of a service; {@code old} is null on create. Like upstream, problems with the cluster IP
   * fields and IP allocation are reported alone, before the other checks run.
   */
  static List<FieldError> validate(Unstructured service, @Nullable Unstructured old) {
    ObjectNode spec = Trees.object(service, "spec");
    ObjectNode oldSpec = old == null ? null : Trees.object(old, "spec");
    String type = Trees.string(spec, "type");
    if (!type.equals("ExternalName")) {
      List<FieldError> ipErrors = clusterIpFields(spec);
      if (!ipErrors.isEmpty()) {
        return ipErrors;
      }
      List<String> ips = Trees.strings(spec, "clusterIPs");
      boolean isNew = oldSpec == null || !ips.equals(Trees.strings(oldSpec, "clusterIPs"));
      if (isNew) {
        for (String ip : ips) {
          if (!ip.equals("None") && !ServiceAddresses.inRange(ip)) {
            return List.of(
                FieldError.invalid(
                    "spec.clusterIPs",
                    GoValue.stringSlice(ips),
                    "failed to allocate IP "
                        + ip
                        + ": the provided IP ("
                        + ip
                        + ") is not in the valid range. The range of valid IPs is "
                        + ServiceAddresses.RANGE));
          }
        }
      }
    }
    List<FieldError> errors = new ArrayList<>();
    if (oldSpec != null) {
      upgradeDowngrade(spec, oldSpec, errors);
    }
    serviceName(service, errors);
    spec(spec, errors);
    return errors;
  }

  /** Errors of an update through {@code services/status}. */
  static List<FieldError> validateStatus(Unstructured service) {
    List<FieldError> errors = new ArrayList<>();
    List<ObjectNode> ingress =
        Trees.objects(Trees.object(service, "status", "loadBalancer"), "ingress");
    for (int i = 0; i < ingress.size(); i++) {
      String ip = Trees.string(ingress.get(i), "ip");
      if (!ip.isEmpty() && !Formats.isIp(ip)) {
        errors.add(
            FieldError.invalid(
                "status.loadBalancer.ingress[" + i + "].ip", ip, Formats.IP_MESSAGE));
      }
    }
    return errors;
  }

  /**
   * Service names are DNS-1035 labels; the store checks them as RFC 1123 labels already, so this
   * adds the one difference: the first character must be a letter.
   */
  private static void serviceName(Unstructured service, List<FieldError> errors) {
    String name = service.getName();
    if (name != null && Formats.dnsLabel(name).isEmpty()) {
      Formats.dns1035Label(name)
          .forEach(m -> errors.add(FieldError.invalid("metadata.name", name, m)));
    }
  }

  private static void spec(@Nullable ObjectNode spec, List<FieldError> errors) {
    String type = Trees.string(spec, "type");
    boolean headless = ServiceDefaults.headless(spec);
    List<ObjectNode> ports = Trees.objects(spec, "ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errors.add(FieldError.required("spec.ports", ""));
    }
    switch (type) {
      case "LoadBalancer", "NodePort" -> {
        if (headless) {
          errors.add(
              FieldError.invalid(
                  "spec.clusterIPs[0]",
                  "None",
                  "may not be set to 'None' for " + type + " services"));
        }
      }
      case "ExternalName" -> {
        if (Trees.size(spec, "clusterIPs") > 0) {
          errors.add(
              FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
        }
        if (Trees.size(spec, "ipFamilies") > 0) {
          errors.add(
              FieldError.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
        }
        if (Trees.present(spec, "ipFamilyPolicy")) {
          errors.add(
              FieldError.forbidden(
                  "spec.ipFamilyPolicy", "may not be set for ExternalName services"));
        }
        String externalName = Trees.string(spec, "externalName");
        String cname =
            externalName.endsWith(".")
                ? externalName.substring(0, externalName.length() - 1)
                : externalName;
        if (cname.isEmpty()) {
          errors.add(FieldError.required("spec.externalName", ""));
        } else {
          Formats.dnsSubdomain(cname)
              .forEach(m -> errors.add(FieldError.invalid("spec.externalName", cname, m)));
        }
      }
      default -> {}
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), "spec.ports[" + i + "]", ports.size() > 1, portNames, errors);
    }
    sessionAffinity(spec, errors);
    if (!type.equals("ExternalName")) {
      errors.addAll(clusterIpFields(spec));
    }
    List<String> externalIps = Trees.strings(spec, "externalIPs");
    for (int i = 0; i < externalIps.size(); i++) {
      String ip = externalIps.get(i);
      if (!Formats.isIp(ip)) {
        errors.add(FieldError.invalid("spec.externalIPs[" + i + "]", ip, Formats.IP_MESSAGE));
      }
    }
    if (type.isEmpty()) {
      errors.add(FieldError.required("spec.type", ""));
    } else if (!TYPES.contains(type)) {
      errors.add(FieldError.notSupported("spec.type", type, TYPES));
    }
    if (type.equals("ClusterIP")) {
      for (int i = 0; i < ports.size(); i++) {
        if (Trees.integer(ports.get(i), "nodePort") != 0) {
          errors.add(
              FieldError.forbidden(
                  "spec.ports[" + i + "].nodePort", "may not be used when `type` is 'ClusterIP'"));
        }
      }
    }
    duplicatePorts(ports, errors);
    if (Trees.present(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
      errors.add(
          FieldError.forbidden(
              "spec.allocateLoadBalancerNodePorts",
              "may only be used when `type` is 'LoadBalancer'"));
    }
    trafficPolicies(spec, errors);
  }

  private static void port(
      ObjectNode port,
      String path,
      boolean requireName,
      Set<String> names,
      List<FieldError> errors) {
    String name = Trees.string(port, "name");
    if (requireName && name.isEmpty()) {
      errors.add(FieldError.required(path + ".name", ""));
    } else if (!name.isEmpty()) {
      Formats.dnsLabel(name).forEach(m -> errors.add(FieldError.invalid(path + ".name", name, m)));
      if (!names.add(name)) {
        errors.add(FieldError.duplicate(path + ".name", name));
      }
    }
    long number = Trees.integer(port, "port");
    Formats.portNumber(number)
        .forEach(m -> errors.add(FieldError.invalid(path + ".port", number, m)));
    PodValidation.protocol(port, path + ".protocol", errors);
    JsonNode target = port.get("targetPort");
    if (target != null && target.isIntegralNumber()) {
      long value = target.longValue();
      Formats.portNumber(value)
          .forEach(m -> errors.add(FieldError.invalid(path + ".targetPort", value, m)));
    } else if (target != null && target.isString()) {
      String value = target.stringValue();
      Formats.portName(value)
          .forEach(m -> errors.add(FieldError.invalid(path + ".targetPort", value, m)));
    }
  }

  private static void sessionAffinity(@Nullable ObjectNode spec, List<FieldError> errors) {
    String affinity = Trees.string(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errors.add(FieldError.required("spec.sessionAffinity", ""));
    } else if (!affinity.equals("ClientIP") && !affinity.equals("None")) {
      errors.add(
          FieldError.notSupported("spec.sessionAffinity", affinity, List.of("ClientIP", "None")));
    }
    ObjectNode config = Trees.object(spec, "sessionAffinityConfig");
    if (affinity.equals("ClientIP")) {
      String path = "spec.sessionAffinityConfig";
      ObjectNode clientIp = Trees.object(config, "clientIP");
      if (config == null) {
        errors.add(FieldError.required(path, "when session affinity type is ClientIP"));
      } else if (clientIp == null) {
        errors.add(
            FieldError.required(path + ".clientIP", "when session affinity type is ClientIP"));
      } else if (!Trees.present(clientIp, "timeoutSeconds")) {
        errors.add(
            FieldError.required(
                path + ".clientIP.timeoutSeconds", "when session affinity type is ClientIP"));
      } else {
        long timeout = Trees.integer(clientIp, "timeoutSeconds");
        if (timeout <= 0 || timeout > 86400) {
          errors.add(
              FieldError.invalid(
                  path + ".clientIP.timeoutSeconds",
                  timeout,
                  "must be greater than 0 and less than 86400"));
        }
      }
    } else if (affinity.equals("None") && config != null) {
      errors.add(
          FieldError.forbidden(
              "spec.sessionAffinityConfig", "must not be set when session affinity is None"));
    }
  }

  /** {@code ValidateServiceClusterIPsRelatedFields}. */
  private static List<FieldError> clusterIpFields(@Nullable ObjectNode spec) {
    List<FieldError> errors = new ArrayList<>();
    String clusterIp = Trees.string(spec, "clusterIP");
    List<String> ips = Trees.strings(spec, "clusterIPs");
    if (!clusterIp.isEmpty()) {
      if (ips.isEmpty()) {
        errors.add(FieldError.required("spec.clusterIPs", ""));
      } else if (!ips.get(0).equals(clusterIp)) {
        errors.add(
            FieldError.invalid(
                "spec.clusterIPs", GoValue.stringSlice(ips), "first value must match `clusterIP`"));
      }
    } else if (!ips.isEmpty()) {
      errors.add(
          FieldError.invalid(
              "spec.clusterIPs",
              GoValue.stringSlice(ips),
              "must be empty when `clusterIP` is not specified"));
    }
    List<String> families = Trees.strings(spec, "ipFamilies");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      String family = families.get(i);
      if (!family.equals("IPv4") && !family.equals("IPv6")) {
        errors.add(
            FieldError.notSupported("spec.ipFamilies[" + i + "]", family, List.of("IPv4", "IPv6")));
      }
      if (!seen.add(family)) {
        errors.add(FieldError.duplicate("spec.ipFamilies[" + i + "]", family));
      }
    }
    String policy = Trees.string(spec, "ipFamilyPolicy");
    List<String> policies = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
    if (Trees.present(spec, "ipFamilyPolicy") && !policies.contains(policy)) {
      errors.add(FieldError.notSupported("spec.ipFamilyPolicy", policy, policies));
    }
    for (int i = 0; i < ips.size(); i++) {
      String ip = ips.get(i);
      if (i == 0 && ip.equals("None")) {
        if (ips.size() > 1) {
          errors.add(
              FieldError.invalid(
                  "spec.clusterIPs",
                  GoValue.stringSlice(ips),
                  "'None' must be the first and only value"));
        }
        continue;
      }
      if (!Formats.isIp(ip)) {
        errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip, Formats.IP_MESSAGE));
      }
    }
    if (ips.size() > 2) {
      errors.add(
          FieldError.invalid(
              "spec.clusterIPs", GoValue.stringSlice(ips), "may only hold up to 2 values"));
    }
    return errors;
  }

  private static void duplicatePorts(List<ObjectNode> ports, List<FieldError> errors) {
    Set<String> nodePorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      long nodePort = Trees.integer(ports.get(i), "nodePort");
      if (nodePort != 0
          && !nodePorts.add(Trees.string(ports.get(i), "protocol") + "/" + nodePort)) {
        errors.add(FieldError.duplicate("spec.ports[" + i + "].nodePort", nodePort));
      }
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String protocol = Trees.string(ports.get(i), "protocol");
      long port = Trees.integer(ports.get(i), "port");
      if (!keys.add(protocol + "/" + port)) {
        errors.add(
            FieldError.duplicate("spec.ports[" + i + "]", GoValue.servicePortKey(protocol, port)));
      }
    }
  }

  private static void trafficPolicies(@Nullable ObjectNode spec, List<FieldError> errors) {
    String external = Trees.string(spec, "externalTrafficPolicy");
    if (!ServiceDefaults.externallyAccessible(spec)) {
      if (!external.isEmpty()) {
        errors.add(
            FieldError.invalid(
                "spec.externalTrafficPolicy",
                external,
                "may only be set for externally-accessible services"));
      }
    } else if (external.isEmpty()) {
      errors.add(FieldError.required("spec.externalTrafficPolicy", ""));
    } else if (!external.equals("Cluster") && !external.equals("Local")) {
      errors.add(
          FieldError.notSupported(
              "spec.externalTrafficPolicy", external, List.of("Cluster", "Local")));
    }
    long healthCheck = Trees.integer(spec, "healthCheckNodePort");
    boolean needsHealthCheck =
        Trees.string(spec, "type").equals("LoadBalancer") && external.equals("Local");
    if (!needsHealthCheck && healthCheck != 0) {
      errors.add(
          FieldError.invalid(
              "spec.healthCheckNodePort",
              healthCheck,
              "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is"
                  + " 'Local'"));
    }
    String type = Trees.string(spec, "type");
    String internal = Trees.string(spec, "internalTrafficPolicy");
    if (!Trees.present(spec, "internalTrafficPolicy")) {
      if (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP")) {
        errors.add(FieldError.required("spec.internalTrafficPolicy", ""));
      }
    } else if (!internal.equals("Cluster") && !internal.equals("Local")) {
      errors.add(
          FieldError.notSupported(
              "spec.internalTrafficPolicy", internal, List.of("Cluster", "Local")));
    }
  }

  /** {@code validateUpgradeDowngradeClusterIPs} for a single-stack cluster. */
  private static void upgradeDowngrade(
      @Nullable ObjectNode spec, ObjectNode oldSpec, List<FieldError> errors) {
    if (Trees.string(spec, "type").equals("ExternalName")
        || Trees.string(oldSpec, "type").equals("ExternalName")) {
      return;
    }
    if (ServiceDefaults.headless(spec) && ServiceDefaults.headless(oldSpec)) {
      return;
    }
    List<String> ips = Trees.strings(spec, "clusterIPs");
    List<String> oldIps = Trees.strings(oldSpec, "clusterIPs");
    if (ips.size() == oldIps.size()) {
      for (int i = 0; i < oldIps.size(); i++) {
        if (!Objects.equals(oldIps.get(i), ips.get(i))) {
          errors.add(
              FieldError.invalid(
                  "spec.clusterIPs[" + i + "]",
                  GoValue.stringSlice(ips),
                  "may not change once set"));
        }
      }
    } else if (ips.size() < oldIps.size()) {
      if (ips.isEmpty()) {
        errors.add(
            FieldError.invalid(
                "spec.clusterIPs[0]",
                GoValue.stringSlice(ips),
                "primary clusterIP can not be unset"));
      } else if (!ips.get(0).equals(oldIps.get(0))) {
        errors.add(
            FieldError.invalid(
                "spec.clusterIPs[0]", GoValue.stringSlice(ips), "may not change once set"));
      }
    } else if (!oldIps.isEmpty() && !ips.get(0).equals(oldIps.get(0))) {
      errors.add(
          FieldError.invalid(
              "spec.clusterIPs[0]", GoValue.stringSlice(ips), "may not change once set"));
    }
  }
}
