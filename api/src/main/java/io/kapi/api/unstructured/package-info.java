/**
 * The generic object representation: {@link io.kapi.api.unstructured.Unstructured} (any API object
 * as a Jackson {@code ObjectNode} with typed accessors for apiVersion, kind and metadata) and
 * {@link io.kapi.api.unstructured.UnstructuredList}. The registry and REST layers handle every
 * object in this form.
 */
@NullMarked
package io.kapi.api.unstructured;

import org.jspecify.annotations.NullMarked;
