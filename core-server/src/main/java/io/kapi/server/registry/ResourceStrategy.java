package io.kapi.server.registry;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What a resource author customizes about how the generic {@link Store} treats the objects of one
 * resource, as upstream's {@code RESTCreateStrategy}/{@code RESTUpdateStrategy}/{@code
 * RESTDeleteStrategy}: preparing and validating writes, generation rules, naming and deletion
 * behaviour. Every method has the default of an ordinary resource, so a strategy overrides only
 * what differs.
 *
 * <p>Objects are passed as {@link Unstructured} JSON trees; hooks that prepare may modify them, hooks
 * that validate must not. Implementations must be thread-safe.
 *
 * <pre>{@code
 * ResourceStrategy flunders = new ResourceStrategy() {
 *   public List<FieldError> validate(Unstructured flunder) {
 *     return flunder.getNested("spec", "reference") == null
 *         ? List.of(FieldError.required("spec.reference", ""))
 *         : List.of();
 *   }
 * };
 * }</pre>
 */
public interface ResourceStrategy {

  /** The strategy of a resource with no special rules. */
  ResourceStrategy DEFAULT = new ResourceStrategy() {};

  /**
   * Called on create after the store set the system fields ({@code uid}, {@code
   * creationTimestamp}, {@code generation=1}) and, for resources with a status subresource,
   * dropped {@code status}; may normalize the object.
   */
  default void prepareForCreate(Unstructured object) {}

  /**
   * Called on update of the main resource after the store kept the old {@code status} (with a
   * status subresource) and the fields clients may not change; may normalize {@code object}.
   */
  default void prepareForUpdate(Unstructured object, Unstructured old) {}

  /** Errors of a new object (its metadata has been checked by the store already). */
  default List<FieldError> validate(Unstructured object) {
    return List.of();
  }

  /** Errors of an update of the main resource. */
  default List<FieldError> validateUpdate(Unstructured object, Unstructured old) {
    return List.of();
  }

  /** Errors of an update through the {@code status} subresource. */
  default List<FieldError> validateStatusUpdate(Unstructured object, Unstructured old) {
    return List.of();
  }

  /** Puts a valid object into its canonical form before it is stored. */
  default void canonicalize(Unstructured object) {}

  /** Whether a PUT of a missing object creates it (answering 201). */
  default boolean allowCreateOnUpdate() {
    return false;
  }

  /** Whether a PUT without {@code metadata.resourceVersion} overwrites whatever is stored. */
  default boolean allowUnconditionalUpdate() {
    return true;
  }

  /** How names are validated. */
  default NameValidation nameValidation() {
    return NameValidation.DNS_SUBDOMAIN;
  }

  /**
   * Whether an update of the main resource changes the object's desired state, which bumps {@code
   * metadata.generation}. By default: any change of a top-level field other than {@code metadata}
   * and {@code status}.
   */
  default boolean generationChanged(Unstructured object, Unstructured old) {
    return !Objects.equals(withoutMetadataAndStatus(object), withoutMetadataAndStatus(old));
  }

  /**
   * Whether a DELETE that removes the object at once answers with the deleted object rather than a
   * {@code Success} Status. Upstream's generic store answers the Status (ConfigMaps, Secrets,
   * Events, custom resources); Pods, Services and ServiceAccounts return the object.
   * Clients generated from the OpenAPI document (the official Java client) decode the answer as
   * the type the kind's upstream registry returns, so a kind mirroring an upstream one must match
   * it.
   */
  default boolean returnDeletedObject() {
    return false;
  }

  /**
   * Admission for a delete of {@code object} (also once per object of a deletecollection): throw an
   * {@link io.kapi.api.errors.ApiException} (e.g. 403 Forbidden) to refuse it. Nothing is written
   * before this runs.
   */
  default void admitDelete(Unstructured object) {}

  /**
   * Whether finalizers other than {@code metadata.finalizers} hold {@code object} in storage once
   * it is deleted (upstream's {@code ShouldDeleteDuringUpdate}): while this answers true a DELETE
   * only marks the object (deletion timestamp, {@link #prepareForDelete}) and an update of a marked
   * object keeps it. A namespace answers true while its {@code spec.finalizers} is non-empty.
   */
  default boolean heldByResourceFinalizers(Unstructured object) {
    return false;
  }

  /**
   * Called when a DELETE marks {@code object} as being deleted (after the store set its deletion
   * timestamp) because finalizers hold it; may change it further, e.g. a namespace's phase.
   */
  default void prepareForDelete(Unstructured object) {}

  /**
   * The object an update through the {@linkplain ResourceDefinition#updateSubresources() update
   * subresource} {@code subresource} stores, computed from the request's {@code object} and the
   * stored {@code old} (a copy, which may be modified and returned); the store then checks the
   * resourceVersion and validates with {@link #validateSubresourceUpdate}. Upstream's finalize
   * strategy takes only {@code spec.finalizers} from the request.
   *
   * @throws IllegalStateException by default: a strategy serving update subresources overrides this
   */
  default Unstructured prepareForSubresourceUpdate(
      String subresource, Unstructured object, Unstructured old) {
    throw new IllegalStateException("the strategy does not update subresource " + subresource);
  }

  /** Errors of an update through an update subresource (see {@link #prepareForSubresourceUpdate}). */
  default List<FieldError> validateSubresourceUpdate(
      String subresource, Unstructured object, Unstructured old) {
    return List.of();
  }

  /**
   * The field selector labels ({@code ?fieldSelector=}) supported beyond {@code metadata.name} and
   * {@code metadata.namespace}; others are refused with 400 {@code field label not supported}.
   */
  default List<String> selectableFields() {
    return List.of();
  }

  /**
   * The value of the {@linkplain #selectableFields() selectable field} {@code field} of {@code
   * object}, {@code ""} when absent. By default the value at the dotted path.
   */
  default String fieldValue(Unstructured object, String field) {
    return object.fieldValue(field);
  }

  private static Map<String, JsonNode> withoutMetadataAndStatus(Unstructured object) {
    Map<String, JsonNode> fields = new java.util.HashMap<>();
    for (Map.Entry<String, JsonNode> e : object.object().properties()) {
      if (!e.getKey().equals("metadata") && !e.getKey().equals("status")) {
        fields.put(e.getKey(), e.getValue());
      }
    }
    return fields;
  }
}
