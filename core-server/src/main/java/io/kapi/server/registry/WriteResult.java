package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.unstructured.Unstructured;
import java.util.List;

/**
 * What a create or update did: the object as stored (or as it would have been, for a dry run),
 * whether it was created (HTTP 201), and warnings for the client ({@code Warning} headers).
 */
public record WriteResult(Unstructured object, boolean created, List<String> warnings) {
  public WriteResult {
    checkNotNull(object, "object");
    warnings = List.copyOf(warnings);
  }
}
