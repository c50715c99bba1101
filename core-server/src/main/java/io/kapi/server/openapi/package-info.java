/**
 * OpenAPI documents of the served APIs, as kube-apiserver publishes them. Start with {@link
 * io.kapi.server.openapi.OpenApiDocumentBuilder} (one OpenAPI 3.0 document per group version, from
 * its WebService and component schemas), then serve the documents with {@link
 * io.kapi.server.openapi.OpenApiV3Service} ({@code /openapi/v3}) and {@link
 * io.kapi.server.openapi.OpenApiV2Service} ({@code /openapi/v2}). Routes describe their bodies with
 * {@link io.kapi.server.openapi.SchemaRef} and {@link io.kapi.server.openapi.OperationDoc}; an
 * installer finds each kind's schema in {@link io.kapi.server.openapi.KindSchemas}.
 */
@NullMarked
package io.kapi.server.openapi;

import org.jspecify.annotations.NullMarked;
