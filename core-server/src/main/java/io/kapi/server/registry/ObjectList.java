package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list: the objects in key order, the resourceVersion the page was read at, the
 * token for the next page (null on the last page), and how many objects follow (only when known
 * exactly, i.e. without selectors).
 */
public record ObjectList(
    List<StoredObject> items,
    long resourceVersion,
    @Nullable String continueToken,
    @Nullable Long remainingItemCount) {

  public ObjectList {
    checkNotNull(items, "items");
    items = List.copyOf(items);
  }
}
