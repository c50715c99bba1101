package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.unstructured.Unstructured;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The field selectors ({@code ?fieldSelector=}) the core resources support beyond {@code
 * metadata.name} and {@code metadata.namespace}, with upstream's values ({@code GetAttrs} of each
 * registry): e.g. {@code status.phase} of pods, {@code type} of secrets and the {@code
 * involvedObject.*} fields of events that {@code kubectl describe} selects events by. The generic
 * store answers 400 {@code field label not supported} for the others.
 */
public final class CoreFieldLabels {
  private static final Map<String, Map<String, Function<Unstructured, String>>> FIELDS =
      Map.of(
          "pods", pods(),
          "events", events(),
          "secrets", fields("type"),
          "namespaces", namespaces(),
          "services", fields("spec.clusterIP", "spec.type"));

  private CoreFieldLabels() {}

  /**
   * The extra fields {@code plural} (a core resource) can be selected by, in upstream's order;
   * empty for resources with only the metadata fields.
   */
  public static List<String> supported(String plural) {
    checkNotNull(plural, "plural");
    return List.copyOf(FIELDS.getOrDefault(plural, Map.of()).keySet());
  }

  /**
   * The value of {@code field} of {@code object} (of resource {@code plural}) for matching a field
   * selector; {@code ""} for absent fields, as upstream; null if the resource does not support the
   * field (the metadata fields are the store's).
   */
  public static @Nullable String value(String plural, Unstructured object, String field) {
    checkNotNull(plural, "plural");
    checkNotNull(object, "object");
    checkNotNull(field, "field");
    Function<Unstructured, String> getter = FIELDS.getOrDefault(plural, Map.of()).get(field);
    return getter == null ? null : getter.apply(object);
  }

  private static Map<String, Function<Unstructured, String>> fields(String... paths) {
    Map<String, Function<Unstructured, String>> out = new LinkedHashMap<>();
    for (String path : paths) {
      out.put(path, o -> o.fieldValue(path));
    }
    return out;
  }

  private static Map<String, Function<Unstructured, String>> pods() {
    Map<String, Function<Unstructured, String>> out =
        fields(
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName");
    out.put(
        "spec.hostNetwork",
        p -> Boolean.toString(Trees.bool(Trees.object(p, "spec"), "hostNetwork")));
    out.put("status.phase", p -> p.fieldValue("status.phase"));
    out.put(
        "status.podIP",
        p -> {
          List<ObjectNode> ips = Trees.objects(Trees.object(p, "status"), "podIPs");
          return ips.isEmpty() ? "" : Trees.string(ips.get(0), "ip");
        });
    out.put("status.nominatedNodeName", p -> p.fieldValue("status.nominatedNodeName"));
    return out;
  }

  private static Map<String, Function<Unstructured, String>> events() {
    Map<String, Function<Unstructured, String>> out =
        fields(
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent");
    out.put(
        "source",
        e -> {
          String component = e.fieldValue("source.component");
          return component.isEmpty() ? e.fieldValue("reportingComponent") : component;
        });
    out.put("type", e -> e.fieldValue("type"));
    return out;
  }

  private static Map<String, Function<Unstructured, String>> namespaces() {
    Map<String, Function<Unstructured, String>> out = fields("status.phase");
    // upstream keeps this alias of metadata.name for compatibility
    out.put("name", n -> n.getName() == null ? "" : n.getName());
    return out;
  }
}
