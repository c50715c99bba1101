package io.kapi.server.core.v1;

import io.kapi.api.unstructured.Unstructured;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults the v1 scheme gives a pod on every write ({@code SetDefaults_Pod}, {@code
 * SetDefaults_PodSpec}, {@code SetDefaults_Container}) and the QoS class computed at creation.
 */
final class PodDefaults {
  private PodDefaults() {}

  /** Fills the absent defaulted fields of {@code pod}'s spec. */
  static void apply(Unstructured pod) {
    ObjectNode spec = Trees.objectForWrite(pod, "spec");
    Trees.defaultString(spec, "restartPolicy", "Always");
    Trees.defaultString(spec, "dnsPolicy", "ClusterFirst");
    Trees.defaultString(spec, "schedulerName", "default-scheduler");
    if (!Trees.present(spec, "terminationGracePeriodSeconds")) {
      spec.put("terminationGracePeriodSeconds", 30);
    }
    if (!Trees.present(spec, "securityContext")) {
      spec.putObject("securityContext");
    }
    if (!Trees.present(spec, "enableServiceLinks")) {
      spec.put("enableServiceLinks", true);
    }
    for (String list : List.of("initContainers", "containers")) {
      for (ObjectNode container : Trees.objects(spec, list)) {
        container(container);
      }
    }
  }

  private static void container(ObjectNode container) {
    Trees.defaultString(container, "terminationMessagePath", "/dev/termination-log");
    Trees.defaultString(container, "terminationMessagePolicy", "File");
    Trees.defaultString(
        container,
        "imagePullPolicy",
        "latest".equals(imageTag(Trees.string(container, "image"))) ? "Always" : "IfNotPresent");
    ObjectNode resources = Trees.objectForWrite(container, "resources");
    // requests default to the limits given for the same resource
    ObjectNode limits = Trees.object(resources, "limits");
    if (limits != null && !limits.isEmpty()) {
      ObjectNode requests = Trees.objectForWrite(resources, "requests");
      for (Map.Entry<String, JsonNode> limit : limits.properties()) {
        if (!requests.has(limit.getKey())) {
          requests.set(limit.getKey(), limit.getValue().deepCopy());
        }
      }
    }
    for (ObjectNode port : Trees.objects(container, "ports")) {
      Trees.defaultString(port, "protocol", "TCP");
    }
  }

  /**
   * The tag of an image reference: {@code latest} when neither tag nor digest is given, empty with
   * a digest ({@code nginx@sha256:...}).
   */
  static String imageTag(String image) {
    if (image.contains("@")) {
      return "";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : "latest";
  }

  /**
   * Upstream's {@code ComputePodQOS}: {@code BestEffort} without any CPU or memory request or
   * limit, {@code Guaranteed} when every container limits both and requests equal limits, else
   * {@code Burstable}.
   */
  static String qosClass(Unstructured pod) {
    ObjectNode spec = Trees.object(pod, "spec");
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode container : Trees.objects(spec, list)) {
        ObjectNode resources = Trees.object(container, "resources");
        sumPositive(Trees.object(resources, "requests"), requests, new HashSet<>());
        Set<String> limited = new HashSet<>();
        sumPositive(Trees.object(resources, "limits"), limits, limited);
        if (!limited.containsAll(Set.of("cpu", "memory"))) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (Map.Entry<String, BigDecimal> request : requests.entrySet()) {
        BigDecimal limit = limits.get(request.getKey());
        if (limit == null || limit.compareTo(request.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  private static void sumPositive(
      @org.jspecify.annotations.Nullable ObjectNode list,
      Map<String, BigDecimal> totals,
      Set<String> found) {
    if (list == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : list.properties()) {
      String name = e.getKey();
      if (!name.equals("cpu") && !name.equals("memory")) {
        continue;
      }
      JsonNode node = e.getValue();
      BigDecimal value =
          node.isNumber()
              ? node.decimalValue()
              : node.isString() ? Quantities.parse(node.stringValue()) : null;
      if (value != null && value.signum() > 0) {
        found.add(name);
        totals.merge(name, value, BigDecimal::add);
      }
    }
  }
}
