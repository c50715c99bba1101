package io.kapi.server.core.v1;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.NameValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
final class NamespaceStrategy implements UpstreamFieldLabels {
  static final String FINALIZER = "kubernetes";
  static final String FINALIZE = "finalize";
  static final String NAME_LABEL = "kubernetes.io/metadata.name";
  static final String ACTIVE = "Active";
  static final String TERMINATING = "Terminating";
  static final String STILL_EMPTYING =
      "The system is ensuring all content is removed from this namespace.  Upon completion, this"
          + " namespace will automatically be purged by the system.";

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

  /**
   * {@code default}, {@code kube-system} and {@code kube-public} may not be deleted (403); a
   * namespace already terminating cannot be deleted again until the system has emptied it (409),
   * as upstream's namespace REST storage answers.
   */
  @Override
  public void admitDelete(Unstructured namespace) {
    String name = Objects.requireNonNullElse(namespace.getName(), "");
    NamespaceLifecycle.admitDelete(name);
    if (namespace.getDeletionTimestamp() != null && heldByResourceFinalizers(namespace)) {
      throw ApiErrors.conflict("", "namespaces", name, STILL_EMPTYING);
    }
  }

  /** A namespace stays while {@code spec.finalizers} is non-empty (upstream's finalize flow). */
  @Override
  public boolean heldByResourceFinalizers(Unstructured namespace) {
    return !Trees.strings(Trees.object(namespace, "spec"), "finalizers").isEmpty();
  }

  /**
   * {@code PUT namespaces/x/finalize} ({@code namespaceFinalizeStrategy}): only {@code
   * spec.finalizers} comes from the request, so the namespace controller (or an administrator)
   * can release a terminating namespace; once it has no finalizers left it is deleted.
   */
  @Override
  public Unstructured prepareForSubresourceUpdate(
      String subresource, Unstructured namespace, Unstructured old) {
    if (!subresource.equals(FINALIZE)) {
      throw new IllegalStateException("namespaces have no subresource " + subresource);
    }
    JsonNode finalizers = namespace.getNested("spec", "finalizers");
    if (finalizers == null || finalizers.isNull()) {
      ObjectNode spec = Trees.object(old, "spec");
      if (spec != null) {
        spec.remove("finalizers");
      }
    } else {
      Trees.objectForWrite(old, "spec").set("finalizers", finalizers.deepCopy());
    }
    return old;
  }

  @Override
  public List<FieldError> validateSubresourceUpdate(
      String subresource, Unstructured namespace, Unstructured old) {
    return validate(namespace);
  }

  /** Whether {@code namespace} is being deleted and no finalizer of either kind holds it. */
  static boolean releasedForRemoval(Unstructured namespace) {
    return namespace.getDeletionTimestamp() != null
        && namespace.getFinalizers().isEmpty()
        && Trees.strings(Trees.object(namespace, "spec"), "finalizers").isEmpty();
  }

  /**
   * The first DELETE turns the namespace {@code Terminating}; the namespace controller then
   * empties it. Namespaces carry no deletion grace period.
   */
  @Override
  public void prepareForDelete(Unstructured namespace) {
    namespace.setDeletionGracePeriodSeconds(null);
    Trees.objectForWrite(namespace, "status").put("phase", TERMINATING);
  }

  @Override
  public String fieldLabelsOf() {
    return "namespaces";
  }
}
