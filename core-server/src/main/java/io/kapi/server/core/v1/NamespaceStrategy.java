package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.NameValidation;
import io.kapi.server.registry.ResourceStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespaces ({@code pkg/registry/core/namespace/strategy.go}): DNS label names, a new namespace is
 * {@code Active} with the {@code kubernetes} finalizer, clients cannot change {@code
 * spec.finalizers} (only the finalizer does, through storage), the {@code
 * kubernetes.io/metadata.name} label always names the namespace, and the status phase follows the
 * deletion timestamp.
 */
final class NamespaceStrategy implements ResourceStrategy {
  static final String FINALIZER = "kubernetes";
  static final String NAME_LABEL = "kubernetes.io/metadata.name";
  static final String ACTIVE = "Active";
  static final String TERMINATING = "Terminating";

  @Override
  public void prepareForCreate(Unstructured namespace) {
    Generation.clear(namespace);
    ObjectNode status = Trees.NODES.objectNode();
    status.put("phase", ACTIVE);
    namespace.object().set("status", status);
    ObjectNode spec = Trees.objectForWrite(namespace, "spec");
    List<String> finalizers = Trees.strings(spec, "finalizers");
    if (!finalizers.contains(FINALIZER)) {
      ArrayNode list = Trees.stringArray(finalizers);
      list.add(FINALIZER);
      spec.set("finalizers", list);
    }
    canonicalize(namespace);
  }

  @Override
  public void prepareForUpdate(Unstructured namespace, Unstructured old) {
    JsonNode oldFinalizers = old.getNested("spec", "finalizers");
    if (oldFinalizers == null) {
      ObjectNode spec = Trees.object(namespace, "spec");
      if (spec != null) {
        spec.remove("finalizers");
      }
    } else {
      Trees.objectForWrite(namespace, "spec").set("finalizers", oldFinalizers.deepCopy());
    }
    canonicalize(namespace);
  }

  /**
   * The {@code kubernetes.io/metadata.name} label, set here too for names made from generateName.
   */
  @Override
  public void canonicalize(Unstructured namespace) {
    String name = namespace.getName();
    if (name != null && !name.isEmpty() && !name.equals(namespace.getLabels().get(NAME_LABEL))) {
      Map<String, String> labels = new LinkedHashMap<>(namespace.getLabels());
      labels.put(NAME_LABEL, name);
      namespace.setLabels(labels);
    }
  }

  @Override
  public List<FieldError> validate(Unstructured namespace) {
    List<FieldError> errors = new ArrayList<>();
    for (String finalizer : Trees.strings(Trees.object(namespace, "spec"), "finalizers")) {
      Formats.finalizerName(finalizer)
          .forEach(m -> errors.add(FieldError.invalid("spec.finalizers", finalizer, m)));
    }
    return errors;
  }

  @Override
  public List<FieldError> validateUpdate(Unstructured namespace, Unstructured old) {
    return validate(namespace);
  }

  @Override
  public List<FieldError> validateStatusUpdate(Unstructured namespace, Unstructured old) {
    String phase = Trees.string(namespace, "status", "phase");
    if (namespace.getDeletionTimestamp() == null) {
      if (!phase.equals(ACTIVE)) {
        return List.of(
            FieldError.invalid(
                "status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"));
      }
    } else if (!phase.equals(TERMINATING)) {
      return List.of(
          FieldError.invalid(
              "status.Phase",
              phase,
              "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    return List.of();
  }

  @Override
  public NameValidation nameValidation() {
    return NameValidation.DNS_LABEL;
  }

  @Override
  public boolean generationChanged(Unstructured namespace, Unstructured old) {
    return false;
  }

  /** {@code default}, {@code kube-system} and {@code kube-public} may not be deleted (403). */
  @Override
  public void admitDelete(Unstructured namespace) {
    NamespaceLifecycle.admitDelete(java.util.Objects.requireNonNullElse(namespace.getName(), ""));
  }
}
