package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pods ({@code pkg/registry/core/pod/strategy.go}): scheme defaults on every write, a new pod
 * starts {@code Pending} with its QoS class, generation 1 bumped by spec changes, and the essential
 * spec checks.
 */
final class PodStrategy implements UpstreamFieldLabels {

  @Override
  public void prepareForCreate(Unstructured pod) {
    PodDefaults.apply(pod);
    ObjectNode status = Trees.NODES.objectNode();
    status.put("phase", "Pending");
    status.put("qosClass", PodDefaults.qosClass(pod));
    pod.object().set("status", status);
  }

  @Override
  public void prepareForUpdate(Unstructured pod, Unstructured old) {
    PodDefaults.apply(pod);
  }

  @Override
  public List<FieldError> validate(Unstructured pod) {
    return PodValidation.validate(pod);
  }

  @Override
  public List<FieldError> validateUpdate(Unstructured pod, Unstructured old) {
    return PodValidation.validateUpdate(pod, old);
  }

  @Override
  public List<FieldError> validateStatusUpdate(Unstructured pod, Unstructured old) {
    return PodValidation.validateStatusUpdate(pod, old);
  }

  @Override
  public String fieldLabelsOf() {
    return "pods";
  }

  /** As upstream's registry for this kind: an immediate delete answers with the object. */
  @Override
  public boolean returnDeletedObject() {
    return true;
  }
}
