package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Metadata of a list or a {@link Status}: the resourceVersion the list was read at and the token to
 * continue a paginated list. Every field is omitted when empty, so an empty value is {@code {}}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"selfLink", "resourceVersion", "continue", "remainingItemCount"})
public record ListMeta(
    @Nullable String selfLink,
    @Nullable String resourceVersion,
    @com.fasterxml.jackson.annotation.JsonProperty("continue") @Nullable String continueToken,
    @Nullable Long remainingItemCount) {

  private static final ListMeta EMPTY = new ListMeta(null, null, null, null);

  /** The empty metadata, written as {@code {}}. */
  public static ListMeta empty() {
    return EMPTY;
  }

  /** Metadata carrying only a resourceVersion. */
  public static ListMeta ofResourceVersion(String resourceVersion) {
    return new ListMeta(null, resourceVersion, null, null);
  }
}
