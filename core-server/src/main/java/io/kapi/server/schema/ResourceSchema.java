package io.kapi.server.schema;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Suppliers;
import io.kapi.api.errors.FieldError;
import io.kapi.api.schema.GroupVersionKind;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema of one resource version and what the REST layer does with it: prune unknown fields
 * (their paths feed {@link FieldValidation}), apply defaults, validate, and give the
 * strategic-merge patcher its {@link PatchMetadata}. Built from any origin: upstream's OpenAPI
 * document for built-in kinds, a Java record, or a CRD's {@code openAPIV3Schema}.
 *
 * <p>{@code metadata} always has upstream's {@code ObjectMeta} shape: the schema's own {@code
 * metadata} contributes only its {@code name} and {@code generateName} restrictions, as in a CRD.
 * Upstream's order for a request body is {@link #prune}, {@link #applyDefaults}, then (after
 * admission) {@link #validate}.
 *
 * <pre>{@code
 * ResourceSchema pods = ResourceSchema.forKind(OpenApiDocument.coreV1(), GroupVersionKind.of("", "v1", "Pod"));
 * List<String> warnings = fieldValidation.handleUnknownFields(pods.prune(body), gvk);
 * pods.applyDefaults(body);
 * List<FieldError> errors = pods.validate(body);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ResourceSchema {
  private final StructuralSchema schema;
  private final StructuralSchema effective;

  private ResourceSchema(StructuralSchema schema) {
    this.schema = schema;
    this.effective = withObjectMeta(schema);
  }

  /** The resource described by {@code schema} (its root, an object). */
  public static ResourceSchema of(StructuralSchema schema) {
    checkNotNull(schema, "schema");
    return new ResourceSchema(schema);
  }

  /**
   * The resource described by a CRD version's {@code openAPIV3Schema}. Whether the schema is
   * structural is the caller's check ({@link StructuralSchema#structuralErrors(String)}).
   */
  public static ResourceSchema fromCrdSchema(JsonNode openApiV3Schema) {
    checkNotNull(openApiV3Schema, "openApiV3Schema");
    return new ResourceSchema(StructuralSchema.parse(openApiV3Schema));
  }

  /** The resource described by a record type (see {@link RecordSchemas}). */
  public static ResourceSchema fromRecord(Class<? extends Record> type) {
    return new ResourceSchema(RecordSchemas.schemaOf(type));
  }

  /**
   * A kind described in an OpenAPI document, e.g. {@code v1, Kind=Pod} in {@link
   * OpenApiDocument#coreV1()}.
   *
   * @throws IllegalArgumentException if the document describes no such kind
   */
  public static ResourceSchema forKind(OpenApiDocument document, GroupVersionKind gvk) {
    checkNotNull(document, "document");
    checkNotNull(gvk, "gvk");
    StructuralSchema s = document.schemaFor(gvk).orElse(null);
    checkArgument(s != null, "the document does not describe %s", gvk);
    return new ResourceSchema(s);
  }

  /** The schema as given. */
  public StructuralSchema schema() {
    return schema;
  }

  /**
   * Validates a whole object (see {@link SchemaValidator}); an empty list means valid. Callers turn
   * errors into a 422 with {@link io.kapi.api.errors.ApiErrors#invalid}.
   */
  public List<FieldError> validate(ObjectNode object) {
    checkNotNull(object, "object");
    return SchemaValidator.validate(effective, object);
  }

  /** Prunes unknown fields in place and returns their paths (see {@link Pruner}). */
  public List<String> prune(ObjectNode object) {
    checkNotNull(object, "object");
    return Pruner.prune(object, effective, true);
  }

  /** Drops non-nullable nulls and applies defaults in place (see {@link Defaulter}). */
  public void applyDefaults(ObjectNode object) {
    checkNotNull(object, "object");
    Defaulter.apply(object, effective);
  }

  /** The patch metadata of the root, {@code metadata} included. */
  public PatchMetadata patchMetadata() {
    return PatchMetadata.of(effective);
  }

  @Override
  public String toString() {
    return "ResourceSchema{" + schema + "}";
  }

  /** The schema with {@code metadata} as ObjectMeta plus the declared name/generateName rules. */
  private static StructuralSchema withObjectMeta(StructuralSchema schema) {
    StructuralSchema objectMeta = ObjectMetaSchema.get();
    StructuralSchema declared = schema.propertyOrNull("metadata");
    if (declared == objectMeta) {
      return schema;
    }
    StructuralSchema.Builder meta = objectMeta.toBuilder();
    if (declared != null) {
      for (String name : List.of("name", "generateName")) {
        StructuralSchema restriction = declared.propertyOrNull(name);
        if (restriction != null) {
          meta.properties.put(name, Suppliers.ofInstance(restriction));
        }
      }
    }
    StructuralSchema.Builder root = schema.toBuilder();
    root.properties.put("metadata", Suppliers.ofInstance(meta.build()));
    return root.build();
  }
}
