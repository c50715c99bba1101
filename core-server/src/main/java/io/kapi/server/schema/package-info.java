/**
 * Schema-driven resources: one engine over OpenAPI v3 structural schemas, whatever their origin.
 * Start with {@link io.kapi.server.schema.ResourceSchema}, the per-version bundle the REST layer
 * uses (validate, prune, default, patch metadata); build its {@link
 * io.kapi.server.schema.StructuralSchema} from the Kubernetes OpenAPI document ({@link
 * io.kapi.server.schema.OpenApiDocument}), from a Java record ({@link
 * io.kapi.server.schema.RecordSchemas}) or from a CRD's {@code openAPIV3Schema}.
 */
@NullMarked
package io.kapi.server.schema;

import org.jspecify.annotations.NullMarked;
