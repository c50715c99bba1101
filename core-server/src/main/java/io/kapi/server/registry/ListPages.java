package io.kapi.server.registry;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.selector.FieldRequirement;
import io.kapi.api.selector.FieldSelector;
import io.kapi.api.selector.LabelSelector;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.ListRequest;
import io.kapi.server.storage.ListResult;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.cache.CacheListRequest;
import io.kapi.server.storage.cache.CacheListResult;
import io.kapi.server.storage.cache.CachedObject;
import io.kapi.server.storage.cache.WatchCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads list pages for the {@link Store}, from the watch cache or from storage at a revision, with
 * continue tokens pointing after the last key examined and {@code remainingItemCount} only when no
 * selector filters.
 */
final class ListPages {
  private final Storage storage;
  private final WatchCache<Unstructured> cache;
  private final Function<KeyValue, Unstructured> decoder;

  ListPages(
      Storage storage, WatchCache<Unstructured> cache, Function<KeyValue, Unstructured> decoder) {
    this.storage = storage;
    this.cache = cache;
    this.decoder = decoder;
  }

  /**
   * A page from the watch cache, of a state not older than {@code minRevision}.
   *
   * @throws StorageException {@code REVISION_TOO_LARGE} when the cache does not get there in time
   */
  ObjectList fromCache(
      String prefix, long minRevision, int limit, @Nullable Predicate<Unstructured> filter) {
    return page(prefix, cache.list(new CacheListRequest<>(prefix, "", minRevision, limit, filter)));
  }

  /**
   * A later page of a list the cache served at {@code revision}, from the same state of the cache,
   * if it still keeps that state.
   */
  Optional<ObjectList> continueFromCache(
      String prefix,
      String startKey,
      long revision,
      int limit,
      @Nullable Predicate<Unstructured> filter) {
    return cache
        .continueList(revision, new CacheListRequest<>(prefix, startKey, 0, limit, filter))
        .map(result -> page(prefix, result));
  }

  private static ObjectList page(String prefix, CacheListResult<Unstructured> result) {
    List<StoredObject> items = new ArrayList<>(result.items().size());
    for (CachedObject<Unstructured> o : result.items()) {
      items.add(StoredObject.cached(o));
    }
    String token = null;
    Long remaining = null;
    if (result.more() && !result.items().isEmpty()) {
      String last = result.items().get(result.items().size() - 1).key();
      token = ContinueTokens.encode(last + "\0", prefix, result.revision());
      if (result.remaining().isPresent()) {
        remaining = result.remaining().getAsLong();
      }
    }
    return new ObjectList(items, result.revision(), token, remaining);
  }

  /**
   * A page from storage at {@code revision} (0: latest), filling up to {@code limit} matches.
   *
   * @throws StorageException {@code COMPACTED} or {@code REVISION_TOO_LARGE}
   */
  ObjectList fromStorage(
      String prefix,
      String startKey,
      long revision,
      int limit,
      @Nullable Predicate<Unstructured> filter) {
    List<StoredObject> items = new ArrayList<>();
    String start = startKey;
    long readAt = revision;
    String lastKey = null;
    boolean more = false;
    long remaining = 0;
    outer:
    while (true) {
      ListResult page = storage.list(new ListRequest(prefix, start, readAt, limit));
      readAt = page.revision();
      List<KeyValue> kvs = page.items();
      for (int i = 0; i < kvs.size(); i++) {
        if (limit > 0 && items.size() == limit) {
          more = true;
          remaining = (kvs.size() - i) + page.remaining();
          break outer;
        }
        KeyValue kv = kvs.get(i);
        lastKey = kv.key();
        Unstructured object = decoder.apply(kv);
        if (filter == null || filter.test(object)) {
          items.add(StoredObject.of(object));
        }
      }
      if (!page.more() || kvs.isEmpty()) {
        break;
      }
      start = kvs.get(kvs.size() - 1).key() + "\0";
    }
    String token =
        more && lastKey != null ? ContinueTokens.encode(lastKey + "\0", prefix, readAt) : null;
    Long remainingCount = more && filter == null ? remaining : null;
    return new ObjectList(items, readAt, token, remainingCount);
  }

  /**
   * The filter of the selectors, null when they select everything.
   *
   * @throws io.kapi.api.errors.ApiException 400 for field selectors on fields other than {@code
   *     metadata.name}, {@code metadata.namespace} and the strategy's {@linkplain
   *     ResourceStrategy#selectableFields() selectable fields}
   */
  static @Nullable Predicate<Unstructured> filter(
      LabelSelector labels, FieldSelector fields, ResourceStrategy strategy) {
    List<String> selectable = fields.isEmpty() ? List.of() : strategy.selectableFields();
    for (FieldRequirement r : fields.requirements()) {
      if (!r.field().equals("metadata.name")
          && !r.field().equals("metadata.namespace")
          && !selectable.contains(r.field())) {
        throw ApiErrors.badRequest("field label not supported: " + r.field());
      }
    }
    if (labels.isEmpty() && fields.isEmpty()) {
      return null;
    }
    return object ->
        labels.matches(object.getLabels())
            && fields.matches(
                field -> {
                  if (field.equals("metadata.name") || field.equals("metadata.namespace")) {
                    String value =
                        field.equals("metadata.name") ? object.getName() : object.getNamespace();
                    return value == null ? "" : value;
                  }
                  return strategy.fieldValue(object, field);
                });
  }
}
