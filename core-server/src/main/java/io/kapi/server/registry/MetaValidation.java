package io.kapi.server.registry;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The metadata checks every resource gets (upstream's {@code ValidateObjectMetaAccessor} and {@code
 * ValidateObjectMetaAccessorUpdate}), with upstream's field paths and messages.
 */
final class MetaValidation {
  private MetaValidation() {}

  /** Errors of the metadata of a new object. */
  static List<FieldError> forCreate(
      Unstructured object, boolean namespaced, NameValidation names) {
    List<FieldError> errors = new ArrayList<>();
    String generateName = object.getGenerateName();
    if (generateName != null) {
      for (String message : names.validate(generateName, true)) {
        errors.add(FieldError.invalid("metadata.generateName", generateName, message));
      }
    }
    String name = object.getName();
    if (name == null) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else {
      for (String message : names.validate(name, false)) {
        errors.add(FieldError.invalid("metadata.name", name, message));
      }
    }
    String namespace = object.getNamespace();
    if (namespaced) {
      if (namespace == null) {
        errors.add(FieldError.required("metadata.namespace", ""));
      } else {
        for (String message : NameValidation.dnsLabel(namespace)) {
          errors.add(FieldError.invalid("metadata.namespace", namespace, message));
        }
      }
    } else if (namespace != null) {
      errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
    }
    errors.addAll(finalizers(object));
    return errors;
  }

  /** Errors of the metadata of an update of {@code old} to {@code object}. */
  static List<FieldError> forUpdate(Unstructured object, Unstructured old) {
    List<FieldError> errors = new ArrayList<>();
    immutable(errors, "metadata.name", object.getName(), old.getName());
    immutable(errors, "metadata.namespace", object.getNamespace(), old.getNamespace());
    immutable(errors, "metadata.uid", object.getUid(), old.getUid());
    if (object.getDeletionTimestamp() != null) {
      Set<String> before = new HashSet<>(old.getFinalizers());
      List<String> added = new ArrayList<>();
      for (String finalizer : object.getFinalizers()) {
        if (!before.contains(finalizer)) {
          added.add(finalizer);
        }
      }
      if (!added.isEmpty()) {
        errors.add(
            FieldError.forbidden(
                "metadata.finalizers",
                "no new finalizers can be added if the object is being deleted, found new"
                    + " finalizers "
                    + goStringSlice(added)));
      }
    }
    errors.addAll(finalizers(object));
    return errors;
  }

  private static List<FieldError> finalizers(Unstructured object) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> finalizers = object.getFinalizers();
    for (int i = 0; i < finalizers.size(); i++) {
      String finalizer = finalizers.get(i);
      if (!seen.add(finalizer)) {
        errors.add(FieldError.duplicate("metadata.finalizers[" + i + "]", finalizer));
      }
    }
    return errors;
  }

  private static void immutable(
      List<FieldError> errors, String field, Object value, Object oldValue) {
    if (!Objects.equals(value, oldValue)) {
      errors.add(FieldError.invalid(field, value == null ? "" : value, "field is immutable"));
    }
  }

  /** Go's {@code %#v} of a {@code []string}: {@code []string{"a", "b"}}. */
  static String goStringSlice(List<String> values) {
    StringBuilder s = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(io.kapi.pathrecorder.GoQuote.quote(values.get(i)));
    }
    return s.append('}').toString();
  }
}
