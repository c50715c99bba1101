package io.kapi.api.meta;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kapi.api.internal.Rfc3339;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code metadata} of every persisted object: identity (name, namespace, uid), concurrency
 * (resourceVersion, generation), lifecycle (creation/deletion timestamps, finalizers), labels,
 * annotations, owners and managed fields.
 *
 * <p>Written as upstream does: every field omitted when empty ({@code generation} when 0);
 * {@code creationTimestamp} is omitted when unset, as since Kubernetes 1.34 (older releases wrote
 * {@code "creationTimestamp":null}). Times have second precision on the wire, so the record
 * truncates them. Collections are immutable and never null (absent = empty); labels and
 * annotations iterate in Go's map order.
 *
 * <pre>{@code
 * ObjectMeta meta = ObjectMeta.builder().name("web").namespace("default")
 *     .labels(Map.of("app", "web")).build();
 * ObjectMeta stored = meta.withUid(uuid).withCreationTimestamp(now).withGeneration(1);
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
  "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
  "ownerReferences", "finalizers", "managedFields"
})
public record ObjectMeta(
    @Nullable String name,
    @Nullable String generateName,
    @Nullable String namespace,
    @Nullable String selfLink,
    @Nullable String uid,
    @Nullable String resourceVersion,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long generation,
    @Nullable Instant creationTimestamp,
    @Nullable Instant deletionTimestamp,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long deletionGracePeriodSeconds,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> ownerReferences,
    List<String> finalizers,
    List<ManagedFieldsEntry> managedFields) {

  /** Finalizer that orphans dependents ({@code propagationPolicy: Orphan}). */
  public static final String FINALIZER_ORPHAN = "orphan";

  /** Finalizer of foreground cascading deletion. */
  public static final String FINALIZER_FOREGROUND_DELETION = "foregroundDeletion";

  private static final ObjectMeta EMPTY = builder().build();

  public ObjectMeta {
    creationTimestamp = creationTimestamp == null ? null : Rfc3339.truncate(creationTimestamp);
    deletionTimestamp = deletionTimestamp == null ? null : Rfc3339.truncate(deletionTimestamp);
    labels = MetaCollections.stringMap(labels);
    annotations = MetaCollections.stringMap(annotations);
    ownerReferences = MetaCollections.list(ownerReferences);
    finalizers = MetaCollections.list(finalizers);
    managedFields = MetaCollections.list(managedFields);
  }

  /** Metadata with no field set, written as {@code {}}. */
  public static ObjectMeta empty() {
    return EMPTY;
  }

  /** A builder with no field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this metadata. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy with {@code name} replaced. */
  public ObjectMeta withName(@Nullable String newName) {
    return toBuilder().name(newName).build();
  }

  /** A copy with {@code generateName} replaced. */
  public ObjectMeta withGenerateName(@Nullable String newGenerateName) {
    return toBuilder().generateName(newGenerateName).build();
  }

  /** A copy with {@code namespace} replaced. */
  public ObjectMeta withNamespace(@Nullable String newNamespace) {
    return toBuilder().namespace(newNamespace).build();
  }

  /** A copy with {@code uid} replaced. */
  public ObjectMeta withUid(@Nullable String newUid) {
    return toBuilder().uid(newUid).build();
  }

  /** A copy with {@code resourceVersion} replaced. */
  public ObjectMeta withResourceVersion(@Nullable String newResourceVersion) {
    return toBuilder().resourceVersion(newResourceVersion).build();
  }

  /** A copy with {@code generation} replaced. */
  public ObjectMeta withGeneration(long newGeneration) {
    return toBuilder().generation(newGeneration).build();
  }

  /** A copy with {@code creationTimestamp} replaced (truncated to seconds). */
  public ObjectMeta withCreationTimestamp(@Nullable Instant newCreationTimestamp) {
    return toBuilder().creationTimestamp(newCreationTimestamp).build();
  }

  /** A copy with {@code deletionTimestamp} replaced (truncated to seconds). */
  public ObjectMeta withDeletionTimestamp(@Nullable Instant newDeletionTimestamp) {
    return toBuilder().deletionTimestamp(newDeletionTimestamp).build();
  }

  /** A copy with {@code deletionGracePeriodSeconds} replaced. */
  public ObjectMeta withDeletionGracePeriodSeconds(@Nullable Long seconds) {
    return toBuilder().deletionGracePeriodSeconds(seconds).build();
  }

  /** A copy with {@code labels} replaced. */
  public ObjectMeta withLabels(@Nullable Map<String, String> newLabels) {
    return toBuilder().labels(newLabels).build();
  }

  /** A copy with {@code annotations} replaced. */
  public ObjectMeta withAnnotations(@Nullable Map<String, String> newAnnotations) {
    return toBuilder().annotations(newAnnotations).build();
  }

  /** A copy with {@code ownerReferences} replaced. */
  public ObjectMeta withOwnerReferences(@Nullable List<OwnerReference> newOwnerReferences) {
    return toBuilder().ownerReferences(newOwnerReferences).build();
  }

  /** A copy with {@code finalizers} replaced. */
  public ObjectMeta withFinalizers(@Nullable List<String> newFinalizers) {
    return toBuilder().finalizers(newFinalizers).build();
  }

  /** A copy with {@code managedFields} replaced. */
  public ObjectMeta withManagedFields(@Nullable List<ManagedFieldsEntry> newManagedFields) {
    return toBuilder().managedFields(newManagedFields).build();
  }

  /** Builds {@link ObjectMeta}; every field starts unset. Not thread-safe. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String generateName;
    private @Nullable String namespace;
    private @Nullable String selfLink;
    private @Nullable String uid;
    private @Nullable String resourceVersion;
    private long generation;
    private @Nullable Instant creationTimestamp;
    private @Nullable Instant deletionTimestamp;
    private @Nullable Long deletionGracePeriodSeconds;
    private @Nullable Map<String, String> labels;
    private @Nullable Map<String, String> annotations;
    private @Nullable List<OwnerReference> ownerReferences;
    private @Nullable List<String> finalizers;
    private @Nullable List<ManagedFieldsEntry> managedFields;

    private Builder() {}

    private Builder(ObjectMeta m) {
      checkNotNull(m, "m");
      name = m.name;
      generateName = m.generateName;
      namespace = m.namespace;
      selfLink = m.selfLink;
      uid = m.uid;
      resourceVersion = m.resourceVersion;
      generation = m.generation;
      creationTimestamp = m.creationTimestamp;
      deletionTimestamp = m.deletionTimestamp;
      deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
      labels = m.labels;
      annotations = m.annotations;
      ownerReferences = m.ownerReferences;
      finalizers = m.finalizers;
      managedFields = m.managedFields;
    }

    public Builder name(@Nullable String value) {
      name = value;
      return this;
    }

    public Builder generateName(@Nullable String value) {
      generateName = value;
      return this;
    }

    public Builder namespace(@Nullable String value) {
      namespace = value;
      return this;
    }

    public Builder selfLink(@Nullable String value) {
      selfLink = value;
      return this;
    }

    public Builder uid(@Nullable String value) {
      uid = value;
      return this;
    }

    public Builder resourceVersion(@Nullable String value) {
      resourceVersion = value;
      return this;
    }

    public Builder generation(long value) {
      generation = value;
      return this;
    }

    public Builder creationTimestamp(@Nullable Instant value) {
      creationTimestamp = value;
      return this;
    }

    public Builder deletionTimestamp(@Nullable Instant value) {
      deletionTimestamp = value;
      return this;
    }

    public Builder deletionGracePeriodSeconds(@Nullable Long value) {
      deletionGracePeriodSeconds = value;
      return this;
    }

    public Builder labels(@Nullable Map<String, String> value) {
      labels = value;
      return this;
    }

    public Builder annotations(@Nullable Map<String, String> value) {
      annotations = value;
      return this;
    }

    public Builder ownerReferences(@Nullable List<OwnerReference> value) {
      ownerReferences = value;
      return this;
    }

    public Builder finalizers(@Nullable List<String> value) {
      finalizers = value;
      return this;
    }

    public Builder managedFields(@Nullable List<ManagedFieldsEntry> value) {
      managedFields = value;
      return this;
    }

    /** The metadata; collections are copied. */
    public ObjectMeta build() {
      return new ObjectMeta(
          name,
          generateName,
          namespace,
          selfLink,
          uid,
          resourceVersion,
          generation,
          creationTimestamp,
          deletionTimestamp,
          deletionGracePeriodSeconds,
          labels,
          annotations,
          ownerReferences,
          finalizers,
          managedFields);
    }
  }
}
