package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.selector.FieldSelector;
import io.kapi.api.selector.LabelSelector;
import org.jspecify.annotations.Nullable;

/**
 * What to watch: objects matching the selectors, starting per {@code resourceVersion} (null: the
 * current state as {@code ADDED} events, then changes; {@code "0"}: the same from any state; {@code
 * N}: changes after N), with periodic bookmarks, and with {@code sendInitialEvents} (true: the state
 * not older than {@code resourceVersion}, then a bookmark marking its end; false: no initial state
 * even without a resourceVersion).
 */
public record WatchParams(
    LabelSelector labelSelector,
    FieldSelector fieldSelector,
    @Nullable String resourceVersion,
    boolean allowBookmarks,
    @Nullable Boolean sendInitialEvents) {

  public WatchParams {
    checkNotNull(labelSelector, "labelSelector");
    checkNotNull(fieldSelector, "fieldSelector");
    resourceVersion = RegistryErrors.emptyToNull(resourceVersion);
  }

  /** Everything, starting with the current state, no bookmarks. */
  public static WatchParams all() {
    return new WatchParams(LabelSelector.everything(), FieldSelector.everything(), null, false, null);
  }

  /** A copy starting per {@code newResourceVersion}. */
  public WatchParams from(@Nullable String newResourceVersion) {
    return new WatchParams(
        labelSelector, fieldSelector, newResourceVersion, allowBookmarks, sendInitialEvents);
  }
}
