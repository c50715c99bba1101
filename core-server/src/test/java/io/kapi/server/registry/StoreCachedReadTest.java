package io.kapi.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.schema.GroupVersion;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.storage.ForwardingStorage;
import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.Watch;
import io.kapi.server.storage.WatchListener;
import io.kapi.server.storage.memory.MemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Store#getCachedOrLive}: the read behind per-request checks such as the namespace check of
 * every create, which must not cost a storage read when the watch cache has the object.
 */
class StoreCachedReadTest {
  private static final GroupVersion V1 = GroupVersion.of("", "v1");
  private static final ResourceDefinition NAMESPACES =
      ResourceDefinition.builder("namespaces", "Namespace").clusterScoped().build();
  private static final String KEY = "/registry/namespaces/team-a";

  private final CountingStorage storage = new CountingStorage(MemoryStorage.create(), true);
  private final List<Store> stores = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(Store::close);
    storage.close();
  }

  private Store namespaces(Storage backend) {
    Store store = Store.builder(backend, V1, NAMESPACES).build();
    stores.add(store);
    return store;
  }

  private static Unstructured namespace(String name) {
    Unstructured namespace = Unstructured.of("v1", "Namespace");
    namespace.setName(name);
    return namespace;
  }

  @Test
  void objectInTheWatchCacheIsReadWithoutAStorageRead() {
    Store namespaces = namespaces(storage);
    String rv =
        namespaces.create("", namespace("team-a"), WriteOptions.DEFAULT).object().getResourceVersion();
    // waits until the watch cache has seen the create
    Unstructured cached = namespaces.get("", "team-a", rv).object();
    int readsBefore = storage.gets(KEY);

    Unstructured found = namespaces.getCachedOrLive("", "team-a");

    assertThat(found).isSameAs(cached);
    assertThat(storage.gets(KEY)).isEqualTo(readsBefore);
  }

  @Test
  void objectTheCacheHasNotSeenIsReadFromTheStorage() {
    CountingStorage unwatched = new CountingStorage(MemoryStorage.create(), false);
    try {
      Store namespaces = namespaces(unwatched);
      unwatched.create(KEY, ApiCodec.json().encode(namespace("team-a")));

      Unstructured found = namespaces.getCachedOrLive("", "team-a");

      assertThat(found).isNotNull();
      assertThat(found.getName()).isEqualTo("team-a");
      assertThat(unwatched.gets(KEY)).isEqualTo(1);
    } finally {
      stores.forEach(Store::close);
      stores.clear();
      unwatched.close();
    }
  }

  @Test
  void aCacheBehindTheStoresOwnWriteIsNotTrusted() {
    CountingStorage unwatched = new CountingStorage(MemoryStorage.create(), false);
    try {
      unwatched.create(KEY, ApiCodec.json().encode(namespace("team-a")));
      // the cache lists team-a at start and then never hears of a change
      Store namespaces = namespaces(unwatched);
      assertThat(namespaces.getCachedOrLive("", "team-a").getLabels()).isEmpty();

      namespaces.update(
          "",
          "team-a",
          current -> {
            Unstructured changed = current.deepCopy();
            changed.setLabels(Map.of("phase", "new"));
            return changed;
          },
          WriteOptions.DEFAULT,
          false);

      assertThat(namespaces.getCachedOrLive("", "team-a").getLabels())
          .containsEntry("phase", "new");
    } finally {
      stores.forEach(Store::close);
      stores.clear();
      unwatched.close();
    }
  }

  @Test
  void aGetWithoutResourceVersionIsServedFromTheCacheWithItsSharedSerialization() {
    Store namespaces = namespaces(storage);
    String rv =
        namespaces.create("", namespace("team-a"), WriteOptions.DEFAULT).object().getResourceVersion();
    namespaces.get("", "team-a", rv); // waits until the watch cache has seen the create
    int readsBefore = storage.gets(KEY);

    StoredObject first = namespaces.get("", "team-a", null);
    StoredObject second = namespaces.get("", "team-a", null);

    assertThat(second.json()).isSameAs(first.json());
    assertThat(storage.gets(KEY)).isEqualTo(readsBefore);
  }

  @Test
  void aGetWithoutResourceVersionSeesAWriteTheStoreDidNotMake() {
    Store namespaces = namespaces(storage);
    namespaces.create("", namespace("team-a"), WriteOptions.DEFAULT);
    KeyValue current = storage.get(KEY).orElseThrow();
    Unstructured changed = namespace("team-a");
    changed.setLabels(Map.of("written", "elsewhere"));
    // another replica's write: the consistent read waits until the cache has seen it
    storage.update(KEY, current.modRevision(), ApiCodec.json().encode(changed));

    assertThat(namespaces.get("", "team-a", null).object().getLabels())
        .containsEntry("written", "elsewhere");
  }

  @Test
  void missingObjectIsNullAfterOneStorageRead() {
    Store namespaces = namespaces(storage);

    assertThat(namespaces.getCachedOrLive("", "team-a")).isNull();
    assertThat(storage.gets(KEY)).isEqualTo(1);
  }

  /** Counts {@code get}s per key; without {@code watched}, its watches never deliver anything. */
  private static final class CountingStorage extends ForwardingStorage {
    private final boolean watched;
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();

    CountingStorage(Storage delegate, boolean watched) {
      super(delegate);
      this.watched = watched;
    }

    int gets(String key) {
      AtomicInteger count = gets.get(key);
      return count == null ? 0 : count.get();
    }

    @Override
    public Optional<KeyValue> get(String key) {
      gets.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return delegate.get(key);
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
      return watched ? delegate.watch(prefix, fromRevision, listener) : () -> {};
    }
  }
}
