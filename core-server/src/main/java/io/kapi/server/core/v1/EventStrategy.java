package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.NameValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Core v1 events ({@code legacyValidateEvent}): any name that is a path segment, the involved
 * object's namespace must be the event's, events with {@code eventTime} need the reporting fields,
 * create on update is allowed, and there is no generation.
 */
final class EventStrategy implements UpstreamFieldLabels {

  @Override
  public void prepareForCreate(Unstructured event) {
    Generation.clear(event);
  }

  @Override
  public List<FieldError> validate(Unstructured event) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode root = event.object();
    String namespace = Objects.requireNonNullElse(event.getNamespace(), "");
    String involvedNamespace = Trees.string(Trees.object(root, "involvedObject"), "namespace");
    String mismatch = "does not match event.namespace";
    if (Trees.string(root, "eventTime").isEmpty()) {
      boolean ok =
          involvedNamespace.isEmpty()
              ? namespace.isEmpty() || namespace.equals("default")
              : namespace.equals(involvedNamespace);
      if (!ok) {
        errors.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, mismatch));
      }
    } else {
      if (involvedNamespace.isEmpty()
          && !namespace.equals("default")
          && !namespace.equals("kube-system")) {
        errors.add(FieldError.invalid("involvedObject.namespace", involvedNamespace, mismatch));
      }
      String controller = Trees.string(root, "reportingComponent");
      if (controller.isEmpty()) {
        errors.add(FieldError.required("reportingComponent", ""));
      }
      Formats.qualifiedName(controller)
          .forEach(m -> errors.add(FieldError.invalid("reportingComponent", controller, m)));
      limited(root, "reportingInstance", 128, true, errors);
      limited(root, "action", 128, true, errors);
      limited(root, "reason", 128, true, errors);
      limited(root, "message", 1024, false, errors);
    }
    Formats.dnsSubdomain(namespace)
        .forEach(m -> errors.add(FieldError.invalid("namespace", namespace, m)));
    return errors;
  }

  private static void limited(
      ObjectNode event, String field, int limit, boolean required, List<FieldError> errors) {
    String value = Trees.string(event, field);
    if (required && value.isEmpty()) {
      errors.add(FieldError.required(field, ""));
    }
    if (ConfigData.utf8Length(value) > limit) {
      errors.add(FieldError.invalid(field, "", "can have at most " + limit + " characters"));
    }
  }

  @Override
  public List<FieldError> validateUpdate(Unstructured event, Unstructured old) {
    return validate(event);
  }

  @Override
  public boolean allowCreateOnUpdate() {
    return true;
  }

  /** Core v1 events skip upstream's name format check; only the store's path rule applies. */
  @Override
  public NameValidation nameValidation() {
    return NameValidation.PATH_SEGMENT;
  }

  @Override
  public boolean generationChanged(Unstructured event, Unstructured old) {
    return false;
  }

  @Override
  public String fieldLabelsOf() {
    return "events";
  }
}
