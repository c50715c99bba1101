package io.kapi.server.storage;

import java.util.List;

/**
 * A page of a list: the entries in key order, the revision the list was read at (use it for the
 * next page), whether more keys follow, and how many keys remain after this page.
 */
public record ListResult(List<KeyValue> items, long revision, boolean more, long remaining) {
  public ListResult {
    items = List.copyOf(items);
  }
}
