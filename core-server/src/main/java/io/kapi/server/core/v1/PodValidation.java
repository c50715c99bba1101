package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The essential checks of upstream's {@code ValidatePodCreate}, {@code ValidatePodUpdate} and
 * {@code ValidatePodStatusUpdate}, in upstream's order and with its field paths and texts.
 */
final class PodValidation {
  /** The fields of a pod's spec that an update may change, as upstream lists them. */
  static final String UPDATABLE_FIELDS =
      "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
          + "`spec.tolerations` (only additions to existing tolerations),"
          + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously"
          + " negative)";

  private PodValidation() {}

  /** Errors of a pod's spec (the object's metadata is the store's concern). */
  static List<FieldError> validate(Unstructured pod) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode spec = Trees.object(pod, "spec");
    Set<String> volumes = volumes(spec, errors);
    List<ObjectNode> containers = Trees.objects(spec, "containers");
    if (containers.isEmpty()) {
      errors.add(FieldError.required("spec.containers", ""));
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < containers.size(); i++) {
        String path = "spec.containers[" + i + "]";
        String name = Trees.string(containers.get(i), "name");
        container(containers.get(i), path, volumes, errors);
        if (!names.add(name)) {
          errors.add(FieldError.duplicate(path + ".name", name));
        }
      }
    }
    Set<String> allNames = new HashSet<>();
    containers.forEach(c -> allNames.add(Trees.string(c, "name")));
    List<ObjectNode> initContainers = Trees.objects(spec, "initContainers");
    for (int i = 0; i < initContainers.size(); i++) {
      String path = "spec.initContainers[" + i + "]";
      String name = Trees.string(initContainers.get(i), "name");
      container(initContainers.get(i), path, volumes, errors);
      if (allNames.contains(name)) {
        errors.add(FieldError.duplicate(path + ".name", name));
      } else if (!name.isEmpty()) {
        allNames.add(name);
      }
    }
    oneOf(
        spec,
        "restartPolicy",
        "spec.restartPolicy",
        List.of("Always", "OnFailure", "Never"),
        errors);
    oneOf(
        spec,
        "dnsPolicy",
        "spec.dnsPolicy",
        List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"),
        errors);
    for (String field : List.of("serviceAccountName", "nodeName")) {
      String value = Trees.string(spec, field);
      if (!value.isEmpty()) {
        Formats.dnsSubdomain(value)
            .forEach(m -> errors.add(FieldError.invalid("spec." + field, value, m)));
      }
    }
    if (Trees.present(spec, "activeDeadlineSeconds")) {
      long deadline = Trees.integer(spec, "activeDeadlineSeconds");
      if (deadline < 1 || deadline > Integer.MAX_VALUE) {
        errors.add(
            FieldError.invalid(
                "spec.activeDeadlineSeconds",
                deadline,
                Formats.inclusiveRange(1, Integer.MAX_VALUE)));
      }
    }
    for (String field : List.of("hostname", "subdomain")) {
      String value = Trees.string(spec, field);
      if (!value.isEmpty()) {
        Formats.dnsLabel(value)
            .forEach(m -> errors.add(FieldError.invalid("spec." + field, value, m)));
      }
    }
    // pod-only checks (not for pod templates)
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> all = Trees.objects(spec, list);
      for (int i = 0; i < all.size(); i++) {
        String image = Trees.string(all.get(i), "image");
        if (!image.equals(image.strip())) {
          errors.add(
              FieldError.invalid(
                  "spec." + list + "[" + i + "].image",
                  image,
                  "must not have leading or trailing whitespace"));
        }
      }
    }
    return errors;
  }

  /** Errors of an update through the main endpoint: the pod's checks plus spec immutability. */
  static List<FieldError> validateUpdate(Unstructured pod, Unstructured old) {
    List<FieldError> errors = validate(pod);
    ObjectNode spec = Trees.objectForWrite(pod.deepCopy(), "spec");
    ObjectNode oldSpec = Trees.object(old, "spec");
    for (String list : List.of("containers", "initContainers")) {
      if (Trees.size(spec, list) != Trees.size(oldSpec, list)) {
        errors.add(
            FieldError.forbidden("spec." + list, "pod updates may not add or remove containers"));
        return errors;
      }
    }
    if (Trees.present(spec, "activeDeadlineSeconds")) {
      long deadline = Trees.integer(spec, "activeDeadlineSeconds");
      if (deadline < 0 || deadline > Integer.MAX_VALUE) {
        errors.add(
            FieldError.invalid(
                "spec.activeDeadlineSeconds",
                deadline,
                Formats.inclusiveRange(0, Integer.MAX_VALUE)));
        return errors;
      }
      if (Trees.present(oldSpec, "activeDeadlineSeconds")
          && Trees.integer(oldSpec, "activeDeadlineSeconds") < deadline) {
        errors.add(
            FieldError.invalid(
                "spec.activeDeadlineSeconds",
                deadline,
                "must be less than or equal to previous value"));
        return errors;
      }
    } else if (Trees.present(oldSpec, "activeDeadlineSeconds")) {
      errors.add(
          FieldError.invalid(
              "spec.activeDeadlineSeconds",
              null,
              "must not update from a positive integer to nil value"));
    }
    if (oldSpec == null || spec.equals(oldSpec)) {
      return errors;
    }
    // take the updatable fields from the old spec, then anything left is a forbidden change
    ObjectNode munged = spec.deepCopy();
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> now = Trees.objects(munged, list);
      List<ObjectNode> before = Trees.objects(oldSpec, list);
      for (int i = 0; i < now.size() && i < before.size(); i++) {
        copyField(before.get(i), now.get(i), "image");
      }
    }
    copyField(oldSpec, munged, "activeDeadlineSeconds");
    copyField(oldSpec, munged, "schedulingGates");
    if (containsAll(munged.get("tolerations"), oldSpec.get("tolerations"))) {
      copyField(oldSpec, munged, "tolerations");
    }
    long oldGrace = Trees.integer(oldSpec, "terminationGracePeriodSeconds");
    if (oldGrace < 0 && Trees.integer(munged, "terminationGracePeriodSeconds") == 1) {
      copyField(oldSpec, munged, "terminationGracePeriodSeconds");
    }
    if (!munged.equals(oldSpec)) {
      errors.add(
          FieldError.forbidden(
              "spec",
              "pod updates may not change fields other than "
                  + UPDATABLE_FIELDS
                  + "\n"
                  + diff(oldSpec, munged)));
    }
    return errors;
  }

  /** Errors of an update through {@code pods/status}. */
  static List<FieldError> validateStatusUpdate(Unstructured pod, Unstructured old) {
    List<FieldError> errors = new ArrayList<>();
    String qos = Trees.string(pod, "status", "qosClass");
    String oldQos = Trees.string(old, "status", "qosClass");
    if (!qos.isEmpty() && !qos.equals(oldQos)) {
      errors.add(FieldError.invalid("status.qosClass", qos, Formats.IMMUTABLE));
    }
    List<ObjectNode> podIps = Trees.objects(Trees.object(pod, "status"), "podIPs");
    for (int i = 0; i < podIps.size(); i++) {
      String ip = Trees.string(podIps.get(i), "ip");
      if (!Formats.isIp(ip)) {
        errors.add(FieldError.invalid("status.podIPs[" + i + "]", ip, Formats.IP_MESSAGE));
      }
    }
    return errors;
  }

  private static Set<String> volumes(@Nullable ObjectNode spec, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> volumes = Trees.objects(spec, "volumes");
    for (int i = 0; i < volumes.size(); i++) {
      String path = "spec.volumes[" + i + "].name";
      String name = Trees.string(volumes.get(i), "name");
      if (name.isEmpty()) {
        errors.add(FieldError.required(path, ""));
      } else {
        Formats.dnsLabel(name).forEach(m -> errors.add(FieldError.invalid(path, name, m)));
      }
      if (names.contains(name)) {
        errors.add(FieldError.duplicate(path, name));
      } else {
        names.add(name);
      }
    }
    return names;
  }

  private static void container(
      ObjectNode container, String path, Set<String> volumes, List<FieldError> errors) {
    String name = Trees.string(container, "name");
    if (name.isEmpty()) {
      errors.add(FieldError.required(path + ".name", ""));
    } else {
      Formats.dnsLabel(name).forEach(m -> errors.add(FieldError.invalid(path + ".name", name, m)));
    }
    if (Trees.string(container, "image").isEmpty()) {
      errors.add(FieldError.required(path + ".image", ""));
    }
    oneOf(
        container,
        "terminationMessagePolicy",
        path + ".terminationMessagePolicy",
        List.of("File", "FallbackToLogsOnError"),
        errors);
    ports(container, path + ".ports", errors);
    List<ObjectNode> env = Trees.objects(container, "env");
    for (int i = 0; i < env.size(); i++) {
      if (Trees.string(env.get(i), "name").isEmpty()) {
        errors.add(FieldError.required(path + ".env[" + i + "].name", ""));
      }
    }
    volumeMounts(container, path + ".volumeMounts", volumes, errors);
    oneOf(
        container,
        "imagePullPolicy",
        path + ".imagePullPolicy",
        List.of("Always", "IfNotPresent", "Never"),
        errors);
  }

  private static void ports(ObjectNode container, String path, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> ports = Trees.objects(container, "ports");
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode port = ports.get(i);
      String at = path + "[" + i + "]";
      String name = Trees.string(port, "name");
      if (!name.isEmpty()) {
        List<String> problems = Formats.portName(name);
        if (!problems.isEmpty()) {
          problems.forEach(m -> errors.add(FieldError.invalid(at + ".name", name, m)));
        } else if (!names.add(name)) {
          errors.add(FieldError.duplicate(at + ".name", name));
        }
      }
      long containerPort = Trees.integer(port, "containerPort");
      if (containerPort == 0) {
        errors.add(FieldError.required(at + ".containerPort", ""));
      } else {
        Formats.portNumber(containerPort)
            .forEach(m -> errors.add(FieldError.invalid(at + ".containerPort", containerPort, m)));
      }
      long hostPort = Trees.integer(port, "hostPort");
      if (hostPort != 0) {
        Formats.portNumber(hostPort)
            .forEach(m -> errors.add(FieldError.invalid(at + ".hostPort", hostPort, m)));
      }
      protocol(port, at + ".protocol", errors);
    }
  }

  private static void volumeMounts(
      ObjectNode container, String path, Set<String> volumes, List<FieldError> errors) {
    Set<String> mountPoints = new HashSet<>();
    List<ObjectNode> mounts = Trees.objects(container, "volumeMounts");
    for (int i = 0; i < mounts.size(); i++) {
      String at = path + "[" + i + "]";
      String name = Trees.string(mounts.get(i), "name");
      if (name.isEmpty()) {
        errors.add(FieldError.required(at + ".name", ""));
      }
      if (!volumes.contains(name)) {
        errors.add(FieldError.notFound(at + ".name", name));
      }
      String mountPath = Trees.string(mounts.get(i), "mountPath");
      if (mountPath.isEmpty()) {
        errors.add(FieldError.required(at + ".mountPath", ""));
      }
      if (!mountPoints.add(mountPath)) {
        errors.add(FieldError.invalid(at + ".mountPath", mountPath, "must be unique"));
      }
    }
  }

  /** A required protocol among TCP, UDP and SCTP. */
  static void protocol(ObjectNode port, String path, List<FieldError> errors) {
    String protocol = Trees.string(port, "protocol");
    if (protocol.isEmpty()) {
      errors.add(FieldError.required(path, ""));
    } else if (!Formats.PROTOCOLS.contains(protocol)) {
      errors.add(FieldError.notSupported(path, protocol, Formats.PROTOCOLS_SORTED));
    }
  }

  /** A required enum field (defaulted, so only explicit bad values fail). */
  static void oneOf(
      @Nullable ObjectNode parent,
      String field,
      String path,
      List<String> supported,
      List<FieldError> errors) {
    String value = Trees.string(parent, field);
    if (value.isEmpty()) {
      errors.add(FieldError.required(path, ""));
    } else if (!supported.contains(value)) {
      errors.add(FieldError.notSupported(path, value, supported));
    }
  }

  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }

  private static boolean containsAll(@Nullable JsonNode now, @Nullable JsonNode before) {
    Set<JsonNode> current = new HashSet<>();
    if (now != null && now.isArray()) {
      now.forEach(current::add);
    }
    if (before != null && before.isArray()) {
      for (JsonNode toleration : before) {
        if (!current.contains(toleration)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A readable summary of the spec fields that differ, one {@code -}/{@code +} pair per field. */
  private static String diff(ObjectNode before, ObjectNode after) {
    Set<String> fields = new TreeSet<>(before.propertyNames());
    fields.addAll(after.propertyNames());
    Map<String, String> lines = new HashMap<>();
    Set<String> changed = new LinkedHashSet<>();
    for (String field : fields) {
      JsonNode a = before.get(field);
      JsonNode b = after.get(field);
      if (!Objects.equals(a, b)) {
        changed.add(field);
        lines.put(field, "- " + field + ": " + a + "\n+ " + field + ": " + b + "\n");
      }
    }
    StringBuilder s = new StringBuilder("  core.PodSpec{\n");
    changed.forEach(f -> s.append(lines.get(f)));
    return s.append("  }\n").toString();
  }
}
