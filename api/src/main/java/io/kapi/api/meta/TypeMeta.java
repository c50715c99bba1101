package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kind} and {@code apiVersion} every API object carries. Decode a body as {@code
 * TypeMeta} to find out what it is before decoding it fully; wire records carry these two fields
 * as their first components.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"kind", "apiVersion"})
public record TypeMeta(@Nullable String kind, @Nullable String apiVersion) {

  /** {@code kind} in {@code apiVersion}. */
  public static TypeMeta of(String apiVersion, String kind) {
    return new TypeMeta(kind, apiVersion);
  }
}
