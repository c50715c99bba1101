package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The options of a list or watch call ({@code ?labelSelector=…&limit=…&watch=true}); selectors are
 * kept as strings, parse them with {@link io.kapi.api.selector.LabelSelector#parse(String)} and
 * {@link io.kapi.api.selector.FieldSelector#parse(String)}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "kind", "apiVersion", "labelSelector", "fieldSelector", "watch", "allowWatchBookmarks",
  "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "limit", "continue",
  "sendInitialEvents"
})
public record ListOptions(
    @Nullable String kind,
    @Nullable String apiVersion,
    @Nullable String labelSelector,
    @Nullable String fieldSelector,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean watch,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean allowWatchBookmarks,
    @Nullable String resourceVersion,
    @Nullable String resourceVersionMatch,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long timeoutSeconds,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long limit,
    @JsonProperty("continue") @Nullable String continueToken,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean sendInitialEvents) {

  /** {@code resourceVersionMatch}: data at least as new as {@code resourceVersion}. */
  public static final String MATCH_NOT_OLDER_THAN = "NotOlderThan";

  /** {@code resourceVersionMatch}: data at exactly {@code resourceVersion}. */
  public static final String MATCH_EXACT = "Exact";

  /** Annotation on the BOOKMARK that ends the initial events of a {@code sendInitialEvents} watch. */
  public static final String INITIAL_EVENTS_ANNOTATION = "k8s.io/initial-events-end";

  /** Options with nothing set: list everything, most recent. */
  public static ListOptions defaults() {
    return new ListOptions(
        null, null, null, null, false, false, null, null, null, 0, null, null);
  }
}
