package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Conditions a delete (or update) must meet, else 409 Conflict: the object still has this {@code
 * uid} and/or this {@code resourceVersion}. A set field is written even when empty, as upstream's
 * pointers are.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"uid", "resourceVersion"})
public record Preconditions(@Nullable String uid, @Nullable String resourceVersion) {

  /** No precondition. */
  public static Preconditions none() {
    return new Preconditions(null, null);
  }
}
