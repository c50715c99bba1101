package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.selector.FieldSelector;
import io.kapi.api.selector.LabelSelector;
import org.jspecify.annotations.Nullable;

/**
 * What to list: objects matching the selectors, read according to {@code resourceVersion} (null:
 * most recent; {@code "0"}: any; {@code N}: per {@code resourceVersionMatch}, {@code NotOlderThan}
 * or {@code Exact}), at most {@code limit} of them ({@code 0}: all), continuing a previous page with
 * {@code continueToken}. The REST layer validates combinations before building one.
 */
public record ListParams(
    LabelSelector labelSelector,
    FieldSelector fieldSelector,
    @Nullable String resourceVersion,
    @Nullable String resourceVersionMatch,
    long limit,
    @Nullable String continueToken) {

  public ListParams {
    checkNotNull(labelSelector, "labelSelector");
    checkNotNull(fieldSelector, "fieldSelector");
    checkArgument(limit >= 0, "limit must not be negative: %s", limit);
    resourceVersion = RegistryErrors.emptyToNull(resourceVersion);
    resourceVersionMatch = RegistryErrors.emptyToNull(resourceVersionMatch);
    continueToken = RegistryErrors.emptyToNull(continueToken);
  }

  /** Everything, most recent. */
  public static ListParams all() {
    return new ListParams(LabelSelector.everything(), FieldSelector.everything(), null, null, 0, null);
  }

  /** A copy with {@code limit} and {@code continueToken}. */
  public ListParams page(long newLimit, @Nullable String newContinueToken) {
    return new ListParams(
        labelSelector, fieldSelector, resourceVersion, resourceVersionMatch, newLimit,
        newContinueToken);
  }

  /** A copy with the resource version semantics replaced. */
  public ListParams at(@Nullable String newResourceVersion, @Nullable String newMatch) {
    return new ListParams(
        labelSelector, fieldSelector, newResourceVersion, newMatch, limit, continueToken);
  }

  /** A copy with the selectors replaced. */
  public ListParams selecting(LabelSelector labels, FieldSelector fields) {
    return new ListParams(labels, fields, resourceVersion, resourceVersionMatch, limit, continueToken);
  }
}
