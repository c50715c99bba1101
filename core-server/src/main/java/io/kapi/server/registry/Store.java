package io.kapi.server.registry;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.meta.Preconditions;
import io.kapi.api.meta.Status;
import io.kapi.api.meta.StatusDetails;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.schema.GroupVersion;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.pathrecorder.GoQuote;
import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.StorageException;
import io.kapi.server.storage.StorageKeys;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.CachedObject;
import io.kapi.server.storage.cache.CacheWatchRequest;
import io.kapi.server.storage.cache.WatchCache;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generic registry of one resource in one group version (upstream's {@code
 * registry/generic/registry.Store}): Kubernetes create, get, list, update, delete and watch
 * semantics over a {@link Storage}, with a {@link WatchCache} that serves watches and lists of
 * "any" or "not older than" state.
 *
 * <p>Objects are {@link Unstructured} JSON trees. Stored values are compact JSON with sorted keys
 * and without {@code metadata.resourceVersion}, which is the entry's mod revision and is set on
 * every object the store returns. Failures are {@link ApiException}s carrying upstream's {@code
 * Status}.
 *
 * <p>Methods block (storage calls, waiting for the cache to catch up): call them from worker
 * threads. Thread-safe. Close the store to stop its watch cache.
 *
 * <pre>{@code
 * Store widgets = Store.builder(storage, GroupVersion.of("example.com", "v1"), widgetsDefinition)
 *     .build();
 * WriteResult created = widgets.create("default", body, WriteOptions.DEFAULT);
 * }</pre>
 */
public final class Store implements AutoCloseable {
  private static final int GENERATE_NAME_ATTEMPTS = 8;

  private final Storage storage;
  private final String group;
  private final String apiVersion;
  private final ResourceDefinition resource;
  private final ResourceStrategy strategy;
  private final ObjectSchemaHook schema;
  private final NamespaceChecker namespaces;
  private final Clock clock;
  private final UnaryOperator<String> nameGenerator;
  private final String storagePrefix;
  private final String rootPrefix;
  private final WatchCache<Unstructured> cache;
  /** The newest revision this store has written (watch-cache freshness for getCachedOrLive). */
  private final AtomicLong lastWrite = new AtomicLong();
  private final BodyChecks checks;
  private final ListPages pages;

  private Store(Builder b) {
    this.storage = b.storage;
    this.group = b.groupVersion.group();
    this.apiVersion = b.groupVersion.toString();
    this.resource = b.resource;
    this.strategy = b.resource.strategy();
    this.schema = b.resource.schema();
    this.namespaces = b.namespaces;
    this.clock = b.clock;
    this.nameGenerator = b.nameGenerator;
    this.storagePrefix = b.resource.storagePrefix(group);
    this.rootPrefix = StorageKeys.listPrefix(storagePrefix, null);
    String kind = resource.kind();
    this.cache =
        b.cacheCustomizer
            .apply(
                WatchCache.builder(
                    storage,
                    rootPrefix,
                    kv -> ObjectCodec.fromStored(kv.value(), apiVersion, kind, kv.modRevision()),
                    ObjectCodec::toJson))
            .build();
    this.checks = new BodyChecks(group, apiVersion, resource);
    this.pages = new ListPages(storage, cache, this::decode);
  }

  /**
   * Starts building the store of {@code resource} as served in {@code groupVersion}, keeping its
   * objects in {@code storage} under {@code /registry/<resource.storagePrefix(group)>/}.
   */
  public static Builder builder(
      Storage storage, GroupVersion groupVersion, ResourceDefinition resource) {
    return new Builder(storage, groupVersion, resource);
  }

  /** The resource this store serves. */
  public ResourceDefinition resource() {
    return resource;
  }

  /** The kind of the objects, in the store's group version. */
  public GroupVersionKind kind() {
    return GroupVersion.parse(apiVersion).withKind(resource.kind());
  }

  /** The group version the store serves its objects in. */
  public GroupVersion groupVersion() {
    return GroupVersion.parse(apiVersion);
  }

  /** The storage key prefix of every object, e.g. {@code /registry/example.com/widgets/}. */
  public String keyPrefix() {
    return rootPrefix;
  }

  /** The storage this store writes to. */
  public Storage storage() {
    return storage;
  }

  // ---------------------------------------------------------------- reads

  /**
   * Reads one object: the latest state when {@code resourceVersion} is null, else a state from the
   * watch cache not older than it ({@code "0"}: any).
   *
   * @throws ApiException 404 if absent; 400 for a malformed resourceVersion; 504 when the cache
   *     does not reach it in time
   */
  public StoredObject get(String namespace, String name, @Nullable String resourceVersion) {
    String key = objectKey(namespace, name);
    String rv = RegistryErrors.emptyToNull(resourceVersion);
    if (rv == null) {
      return consistentGet(key, name);
    }
    long minimum = parseResourceVersion(rv);
    try {
      return cache.get(key, minimum).map(StoredObject::cached).orElseThrow(() -> notFound(name));
    } catch (StorageException e) {
      throw translate(e, name, minimum);
    }
  }

  /** Records a revision this store wrote, for {@link #getCachedOrLive}'s freshness check. */
  private void wrote(long revision) {
    lastWrite.accumulateAndGet(revision, Math::max);
  }

  /**
   * The latest state of one object: from the watch cache when it already holds the storage's
   * current revision (a consistent read from cache, as upstream's KEP-2340 does for lists; it
   * shares the cached serialization), else from the storage while the cache is asked to confirm
   * its progress. Never waits, also for backends that cannot confirm progress.
   */
  private StoredObject consistentGet(String key, String name) {
    long current = storage.currentRevision();
    if (cache.isFresh(current)) {
      try {
        return cache.get(key, current).map(StoredObject::cached).orElseThrow(() -> notFound(name));
      } catch (StorageException e) {
        throw translate(e, name, 0);
      }
    }
    KeyValue kv = storage.get(key).orElseThrow(() -> notFound(name));
    return StoredObject.of(decode(kv));
  }


  /**
   * Reads one object for a check made on every request (upstream's admission listers, e.g. {@code
   * NamespaceLifecycle}): from the watch cache when it has the object, so a hit costs no storage
   * read and no decoding; from the storage only when the cache does not have it (absent, or created
   * too recently for the cache to have seen it) and whenever the cache has not yet caught up with
   * this store's own last write, so a namespace this process just marked Terminating is never
   * answered from an older cached state.
   *
   * @return the object (read-only: a cache hit is shared with every other reader), or null if the
   *     storage does not have it either
   * @throws ApiException 400 if {@code namespace} or {@code name} is missing
   */
  public @Nullable Unstructured getCachedOrLive(String namespace, String name) {
    String key = objectKey(namespace, name);
    try {
      if (cache.revision() >= lastWrite.get()) {
        Optional<CachedObject<Unstructured>> cached = cache.get(key, 0);
        if (cached.isPresent()) {
          return cached.get().object();
        }
      }
      return storage.get(key).map(this::decode).orElse(null);
    } catch (StorageException e) {
      throw translate(e, name, 0);
    }
  }

  /**
   * Lists objects of {@code namespace} (all namespaces when empty) with Kubernetes'
   * resourceVersion, pagination and continue-token semantics (k8s-behaviour §7.5).
   *
   * @throws ApiException 400 for unsupported field selectors, malformed resourceVersions or
   *     continue tokens; 410 for compacted revisions; 504 for revisions from the future
   */
  public ObjectList list(String namespace, ListParams params) {
    checkNotNull(params, "params");
    String prefix = listPrefix(namespace);
    Predicate<Unstructured> filter =
        ListPages.filter(params.labelSelector(), params.fieldSelector(), strategy);
    int limit = (int) Math.min(Integer.MAX_VALUE - 1, params.limit());
    String rv = params.resourceVersion();
    if (params.continueToken() != null) {
      if (rv != null && !rv.equals("0")) {
        throw ApiErrors.badRequest("specifying resource version is not allowed when using continue");
      }
      ContinueTokens.Position position = ContinueTokens.decode(params.continueToken(), prefix);
      long revision = Math.max(0, position.revision());
      try {
        if (revision > 0 && revision >= storage.compactedRevision()) {
          // the state the first page came from, if the cache still keeps it
          Optional<ObjectList> cached =
              pages.continueFromCache(prefix, position.startKey(), revision, limit, filter);
          if (cached.isPresent()) {
            return cached.get();
          }
        }
        return pages.fromStorage(prefix, position.startKey(), revision, limit, filter);
      } catch (StorageException e) {
        if (e.code() == StorageException.Code.COMPACTED) {
          throw RegistryErrors.inconsistentContinue(
              ContinueTokens.encode(position.startKey(), prefix, -1));
        }
        throw translate(e, "", revision);
      }
    }
    if (rv == null) {
      // a consistent list: from the cache when it holds the storage's current revision (later
      // pages come from the same state of the cache while it keeps it, else from the storage at
      // that revision), else from the storage
      long current = storage.currentRevision();
      if (cache.isFresh(current)) {
        return listCache(prefix, current, limit, filter);
      }
      return pages.fromStorage(prefix, prefix, 0, limit, filter);
    }
    long revision = parseResourceVersion(rv);
    boolean exact =
        "Exact".equals(params.resourceVersionMatch())
            || (params.resourceVersionMatch() == null && limit > 0 && revision > 0);
    if (exact) {
      try {
        return pages.fromStorage(prefix, prefix, revision, limit, filter);
      } catch (StorageException e) {
        if (e.code() == StorageException.Code.COMPACTED) {
          throw RegistryErrors.expired(RegistryErrors.LIST_EXPIRED);
        }
        throw translate(e, "", revision);
      }
    }
    return listCache(prefix, revision, limit, filter);
  }

  /**
   * Watches objects of {@code namespace} (all when empty) through the watch cache; events become
   * available to {@code consumer}. A start revision the cache no longer has yields a watch whose
   * only event is an {@code ERROR} (the REST layer answers it with a 410 Expired event).
   *
   * @throws ApiException 400 for unsupported field selectors or a malformed resourceVersion
   */
  public CacheWatch<Unstructured> watch(
      String namespace, WatchParams params, WatchCacheConsumer consumer) {
    checkNotNull(params, "params");
    checkNotNull(consumer, "consumer");
    String prefix = listPrefix(namespace);
    Predicate<Unstructured> filter =
        ListPages.filter(params.labelSelector(), params.fieldSelector(), strategy);
    String rv = params.resourceVersion();
    long revision = rv == null ? 0 : parseResourceVersion(rv);
    CacheWatchRequest.InitialEvents initial;
    long from;
    if (Boolean.TRUE.equals(params.sendInitialEvents())) {
      initial = CacheWatchRequest.InitialEvents.ADDED_THEN_BOOKMARK;
      // the initial state must be as fresh as the storage (the cache waits for it, confirming
      // progress with the backend; if it cannot, the watch ends with a 504 ERROR event)
      from = rv == null ? storage.currentRevision() : revision;
    } else if (Boolean.FALSE.equals(params.sendInitialEvents())) {
      initial = CacheWatchRequest.InitialEvents.NONE;
      from = revision;
    } else if (rv == null) {
      initial = CacheWatchRequest.InitialEvents.ADDED;
      from = consistentStart();
    } else if (revision == 0) {
      initial = CacheWatchRequest.InitialEvents.ADDED;
      from = 0;
    } else {
      initial = CacheWatchRequest.InitialEvents.NONE;
      from = revision;
    }
    CacheWatchRequest<Unstructured> request =
        new CacheWatchRequest<>(prefix, from, initial, params.allowBookmarks(), filter, 0);
    return cache.watch(request, consumer);
  }

  /**
   * The start revision of a watch without resourceVersion: the storage's current revision when the
   * cache has reached it (a consistent start), else any state of the cache (as upstream's cacher
   * without consistent reads), which never waits on a backend that cannot confirm progress.
   * Either way no later change is missed: it arrives as an event.
   */
  private long consistentStart() {
    long current = storage.currentRevision();
    return cache.revision() >= current ? current : 0;
  }

  // ---------------------------------------------------------------- create

  /**
   * Creates {@code body} in {@code namespace} (empty for cluster-scoped resources): system fields
   * set, name generated from {@code generateName} when needed, strategy and schema applied.
   *
   * @throws ApiException 400 (wrong apiVersion or namespace, unknown fields with {@code Strict}),
   *     404 (missing namespace), 409 (exists), 422 (invalid), 500 (resourceVersion set)
   */
  public WriteResult create(String namespace, Unstructured body, WriteOptions options) {
    checkNotNull(body, "body");
    checkNotNull(options, "options");
    List<String> warnings = new ArrayList<>();
    Unstructured object = body.deepCopy();
    checks.typeMeta(object);
    checks.prune(object, options, warnings);
    schema.applyDefaults(object.object());
    checks.namespace(object, namespace);
    String generateName = object.getGenerateName();
    boolean generated = object.getName() == null && generateName != null;
    if (generated) {
      object.setName(nameGenerator.apply(generateName));
    }
    prepareForCreate(object);
    String requestNamespace = resource.namespaced() ? namespace : "";
    if (!requestNamespace.isEmpty()) {
      namespaces.admitCreate(groupResource(), requestNamespace, object);
    }
    if (object.getResourceVersion() != null) {
      throw RegistryErrors.unknown(500, "resourceVersion should not be set on objects to be created");
    }
    for (int attempt = 0; attempt < GENERATE_NAME_ATTEMPTS; attempt++) {
      String name = checkNotNull(object.getName(), "name");
      String key = objectKey(requestNamespace, name);
      try {
        if (options.dryRun()) {
          if (storage.get(key).isPresent()) {
            throw new StorageException(StorageException.Code.KEY_EXISTS, key, "exists");
          }
          object.sortKeys();
          return new WriteResult(object, true, warnings);
        }
        return createAt(key, object, warnings);
      } catch (StorageException e) {
        if (e.code() != StorageException.Code.KEY_EXISTS) {
          throw translate(e, name, 0);
        }
        if (!generated) {
          throw ApiErrors.alreadyExists(group, resource.plural(), name);
        }
        object.setName(nameGenerator.apply(checkNotNull(generateName)));
      }
    }
    throw RegistryErrors.generateNameConflict(
        group, resource.plural(), checkNotNull(object.getName()));
  }

  /**
   * Stores the new {@code object} at {@code key} and answers it at its revision.
   *
   * @throws StorageException {@code KEY_EXISTS} if the key holds an object, or a storage failure
   */
  private WriteResult createAt(String key, Unstructured object, List<String> warnings) {
    KeyValue kv = storage.create(key, ObjectCodec.toStored(object));
    wrote(kv.modRevision());
    ObjectCodec.setResourceVersion(object, kv.modRevision());
    return new WriteResult(object, true, warnings);
  }

  /** Sets the system fields, runs the strategy's create hooks and validates; throws 422. */
  private void prepareForCreate(Unstructured object) {
    object.setUid(UUID.randomUUID().toString());
    object.setCreationTimestamp(Instant.now(clock));
    object.setDeletionTimestamp(null);
    object.setDeletionGracePeriodSeconds(null);
    object.setGeneration(1);
    if (resource.hasStatusSubresource()) {
      object.object().remove("status");
    }
    strategy.prepareForCreate(object);
    List<FieldError> errors =
        new ArrayList<>(
            MetaValidation.forCreate(object, resource.namespaced(), strategy.nameValidation()));
    errors.addAll(schema.validate(object.object()));
    errors.addAll(strategy.validate(object));
    if (!errors.isEmpty()) {
      throw checks.invalid(object, errors);
    }
    strategy.canonicalize(object);
  }

  // ---------------------------------------------------------------- update

  /**
   * Updates the object {@code name} with what {@code updater} computes from its current state,
   * retrying on concurrent writes (upstream's update and patch). The new object's resourceVersion
   * must match the stored one (409 otherwise); an empty one updates unconditionally when the
   * strategy allows it (422 otherwise). Through the {@code status} subresource only {@code status}
   * changes. A missing object is created when the strategy allows create-on-update. An update that
   * changes nothing writes nothing; one that removes the last finalizer of an object being deleted
   * deletes it.
   *
   * @throws ApiException as for {@link #create}, plus 404 (missing) and 409 (stale)
   */
  public WriteResult update(
      String namespace,
      String name,
      ObjectUpdater updater,
      WriteOptions options,
      boolean statusSubresource) {
    return update(namespace, name, updater, options, statusSubresource, false);
  }

  /**
   * Like {@link #update(String, String, ObjectUpdater, WriteOptions, boolean)}; with {@code
   * forceAllowCreate} a missing object is created whatever the strategy says (server-side apply).
   */
  public WriteResult update(
      String namespace,
      String name,
      ObjectUpdater updater,
      WriteOptions options,
      boolean statusSubresource,
      boolean forceAllowCreate) {
    checkNotNull(updater, "updater");
    checkNotNull(options, "options");
    checkArgument(
        !statusSubresource || resource.hasStatusSubresource(),
        "resource %s has no status subresource",
        resource.plural());
    return update(
        namespace, name, updater, options, statusSubresource ? "status" : null, forceAllowCreate);
  }

  /**
   * Updates the object {@code name} through its {@linkplain ResourceDefinition#updateSubresources()
   * update subresource} {@code subresource} ({@code PUT .../namespaces/x/finalize}): what is stored
   * is what {@link ResourceStrategy#prepareForSubresourceUpdate} makes of the request and the
   * stored object; resourceVersion rules as for {@link #update(String, String, ObjectUpdater,
   * WriteOptions, boolean)}; a missing object is 404. An object being deleted that the update
   * leaves without finalizers is deleted.
   *
   * @throws IllegalArgumentException if the resource has no such update subresource
   * @throws ApiException 404 (missing), 409 (stale), 422 (invalid)
   */
  public WriteResult updateSubresource(
      String namespace,
      String name,
      String subresource,
      ObjectUpdater updater,
      WriteOptions options) {
    checkNotNull(subresource, "subresource");
    checkNotNull(updater, "updater");
    checkNotNull(options, "options");
    checkArgument(
        resource.updateSubresources().contains(subresource),
        "resource %s has no subresource %s",
        resource.plural(),
        subresource);
    return update(namespace, name, updater, options, subresource, false);
  }

  private WriteResult update(
      String namespace,
      String name,
      ObjectUpdater updater,
      WriteOptions options,
      @Nullable String subresource,
      boolean forceAllowCreate) {
    boolean statusSubresource = "status".equals(subresource);
    String requestNamespace = resource.namespaced() ? namespace : "";
    String key = objectKey(requestNamespace, name);
    while (true) {
      List<String> warnings = new ArrayList<>();
      KeyValue current = storage.get(key).orElse(null);
      Unstructured old = current == null ? null : decode(current);
      Unstructured object =
          checkNotNull(updater.update(old == null ? null : old.deepCopy()), "updater result");
      checks.typeMeta(object);
      BodyChecks.nameMatchesUrl(object, name, requestNamespace);
      checks.prune(object, options, warnings);
      schema.applyDefaults(object.object());
      checks.namespace(object, requestNamespace);
      if (current == null || old == null) {
        if (subresource != null || !(forceAllowCreate || strategy.allowCreateOnUpdate())) {
          throw notFound(name);
        }
        object.setResourceVersion(null);
        prepareForCreate(object);
        if (!requestNamespace.isEmpty()) {
          namespaces.admitCreate(groupResource(), requestNamespace, object);
        }
        if (options.dryRun()) {
          object.sortKeys();
          return new WriteResult(object, true, warnings);
        }
        try {
          return createAt(key, object, warnings);
        } catch (StorageException e) {
          if (e.code() != StorageException.Code.KEY_EXISTS) {
            throw translate(e, name, 0);
          }
          continue; // created concurrently: update it instead
        }
      }
      checkResourceVersion(object, current, name);
      Unstructured updated =
          subresource == null
              ? prepareUpdate(object, old)
              : statusSubresource
                  ? prepareStatusUpdate(object, old)
                  : prepareSubresourceUpdate(subresource, object, old);
      strategy.canonicalize(updated);
      ObjectCodec.setResourceVersion(updated, current.modRevision());
      try {
        if (updated.getDeletionTimestamp() != null
            && updated.getFinalizers().isEmpty()
            && !strategy.heldByResourceFinalizers(updated)) {
          if (!options.dryRun()) {
            storage.delete(key, current.modRevision());
            wrote(storage.currentRevision());
          }
          updated.sortKeys();
          return new WriteResult(updated, false, warnings);
        }
        byte[] value = ObjectCodec.toStored(updated);
        if (Arrays.equals(value, current.value())) {
          return new WriteResult(old, false, warnings);
        }
        if (options.dryRun()) {
          return new WriteResult(updated, false, warnings);
        }
        KeyValue kv = storage.update(key, current.modRevision(), value);
        wrote(kv.modRevision());
        ObjectCodec.setResourceVersion(updated, kv.modRevision());
        return new WriteResult(updated, false, warnings);
      } catch (StorageException e) {
        if (e.code() != StorageException.Code.CONFLICT
            && e.code() != StorageException.Code.NOT_FOUND) {
          throw translate(e, name, 0);
        }
        // written or deleted concurrently: read again (a stale resourceVersion then fails)
      }
    }
  }

  private void checkResourceVersion(Unstructured object, KeyValue current, String name) {
    String requested = object.getResourceVersion();
    if (requested == null) {
      if (!strategy.allowUnconditionalUpdate()) {
        throw ApiErrors.invalid(
            group,
            resource.plural(),
            name,
            List.of(
                FieldError.invalid(
                    "metadata.resourceVersion", new GoLiteral("0"), "must be specified for an update")));
      }
    } else if (!requested.equals(Long.toString(current.modRevision()))) {
      throw ApiErrors.conflict(group, resource.plural(), name, RegistryErrors.OPTIMISTIC_LOCK);
    }
  }

  private Unstructured prepareUpdate(Unstructured object, Unstructured old) {
    ObjectNode meta = metadata(object);
    ObjectNode oldMeta = metadata(old);
    copyField(oldMeta, meta, "generation");
    if (resource.hasStatusSubresource()) {
      copyField(old.object(), object.object(), "status");
    }
    strategy.prepareForUpdate(object, old);
    if (object.getUid() == null) {
      copyField(oldMeta, meta, "uid");
    }
    copyField(oldMeta, meta, "creationTimestamp");
    copyField(oldMeta, meta, "deletionTimestamp");
    copyField(oldMeta, meta, "deletionGracePeriodSeconds");
    if (old.getGeneration() > 0 && strategy.generationChanged(object, old)) {
      object.setGeneration(old.getGeneration() + 1);
    }
    List<FieldError> errors = new ArrayList<>(MetaValidation.forUpdate(object, old));
    errors.addAll(schema.validate(object.object()));
    errors.addAll(strategy.validateUpdate(object, old));
    if (!errors.isEmpty()) {
      throw checks.invalid(object, errors);
    }
    return object;
  }

  private Unstructured prepareStatusUpdate(Unstructured object, Unstructured old) {
    Unstructured updated = old.deepCopy();
    JsonNode status = object.object().get("status");
    if (status != null) {
      updated.object().set("status", status);
    } else {
      updated.object().remove("status");
    }
    List<FieldError> errors = new ArrayList<>(schema.validate(updated.object()));
    errors.addAll(strategy.validateStatusUpdate(updated, old));
    if (!errors.isEmpty()) {
      throw checks.invalid(updated, errors);
    }
    return updated;
  }

  private Unstructured prepareSubresourceUpdate(
      String subresource, Unstructured object, Unstructured old) {
    Unstructured updated =
        checkNotNull(
            strategy.prepareForSubresourceUpdate(subresource, object, old.deepCopy()),
            "prepareForSubresourceUpdate result");
    List<FieldError> errors = new ArrayList<>(MetaValidation.forUpdate(updated, old));
    errors.addAll(schema.validate(updated.object()));
    errors.addAll(strategy.validateSubresourceUpdate(subresource, updated, old));
    if (!errors.isEmpty()) {
      throw checks.invalid(updated, errors);
    }
    return updated;
  }

  // ---------------------------------------------------------------- delete

  /**
   * Deletes the object {@code name}: at once when it has no finalizers (answering the deleted
   * object or a {@code Success} Status per {@link ResourceStrategy#returnDeletedObject()}), else
   * by setting {@code deletionTimestamp} (answering the object); the object then goes when its
   * last finalizer is removed.
   *
   * @throws ApiException 404 if absent, 409 if a precondition fails
   */
  public DeleteResult delete(String namespace, String name, DeleteOptions options) {
    checkNotNull(options, "options");
    String requestNamespace = resource.namespaced() ? namespace : "";
    String key = objectKey(requestNamespace, name);
    boolean dryRun = options.dryRunAll();
    while (true) {
      KeyValue current = storage.get(key).orElseThrow(() -> notFound(name));
      Unstructured object = decode(current);
      checkPreconditions(options.preconditions(), object, name);
      resource.strategy().admitDelete(object);
      try {
        if (!object.getFinalizers().isEmpty() || strategy.heldByResourceFinalizers(object)) {
          Long grace = object.getDeletionGracePeriodSeconds();
          if (object.getDeletionTimestamp() != null && grace != null && grace == 0) {
            return new DeleteResult(object, false);
          }
          Unstructured marked = object.deepCopy();
          markAsDeleting(marked);
          strategy.prepareForDelete(marked);
          if (dryRun) {
            marked.sortKeys();
            return new DeleteResult(marked, false);
          }
          KeyValue kv = storage.update(key, current.modRevision(), ObjectCodec.toStored(marked));
          wrote(kv.modRevision());
          ObjectCodec.setResourceVersion(marked, kv.modRevision());
          return new DeleteResult(marked, false);
        }
        if (!dryRun) {
          storage.delete(key, current.modRevision());
          wrote(storage.currentRevision());
        }
        return new DeleteResult(finalizeDelete(object), true);
      } catch (StorageException e) {
        if (e.code() != StorageException.Code.CONFLICT
            && e.code() != StorageException.Code.NOT_FOUND) {
          throw translate(e, name, 0);
        }
        // changed or deleted concurrently: read again
      }
    }
  }

  /**
   * Deletes every object a list with {@code params} returns (ignoring objects deleted meanwhile)
   * and answers that list.
   */
  public ObjectList deleteCollection(String namespace, ListParams params, DeleteOptions options) {
    ObjectList listed = list(namespace, params);
    for (StoredObject item : listed.items()) {
      String itemNamespace = item.object().getNamespace();
      String itemName = checkNotNull(item.object().getName(), "name");
      try {
        delete(itemNamespace == null ? "" : itemNamespace, itemName, options);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return listed;
  }

  private void checkPreconditions(
      @Nullable Preconditions preconditions, Unstructured object, String name) {
    if (preconditions == null) {
      return;
    }
    String uid = object.getUid() == null ? "" : object.getUid();
    if (preconditions.uid() != null && !preconditions.uid().equals(uid)) {
      throw ApiErrors.conflict(
          group,
          resource.kind(),
          name,
          "the UID in the precondition ("
              + preconditions.uid()
              + ") does not match the UID in record ("
              + uid
              + "). The object might have been deleted and then recreated");
    }
    String rv = object.getResourceVersion() == null ? "" : object.getResourceVersion();
    if (preconditions.resourceVersion() != null && !preconditions.resourceVersion().equals(rv)) {
      throw ApiErrors.conflict(
          group,
          resource.kind(),
          name,
          "the ResourceVersion in the precondition ("
              + preconditions.resourceVersion()
              + ") does not match the ResourceVersion in record ("
              + rv
              + "). The object might have been modified");
    }
  }

  private void markAsDeleting(Unstructured object) {
    if (object.getDeletionTimestamp() == null) {
      if (object.getGeneration() > 0) {
        object.setGeneration(object.getGeneration() + 1);
      }
      object.setDeletionTimestamp(Instant.now(clock));
    }
    object.setDeletionGracePeriodSeconds(0L);
  }

  private Object finalizeDelete(Unstructured object) {
    if (strategy.returnDeletedObject()) {
      return object;
    }
    return Status.success(
        new StatusDetails(
            object.getName(),
            group.isEmpty() ? null : group,
            resource.plural(),
            object.getUid(),
            null,
            0));
  }

  @Override
  public void close() {
    cache.close();
  }

  @Override
  public String toString() {
    return "Store{" + apiVersion + " " + resource.plural() + " at " + rootPrefix + "}";
  }

  // ---------------------------------------------------------------- helpers

  private ObjectList listCache(
      String prefix, long minRevision, int limit, @Nullable Predicate<Unstructured> filter) {
    try {
      return pages.fromCache(prefix, minRevision, limit, filter);
    } catch (StorageException e) {
      throw translate(e, "", minRevision);
    }
  }

  private Unstructured decode(KeyValue kv) {
    return ObjectCodec.fromStored(kv.value(), apiVersion, resource.kind(), kv.modRevision());
  }

  private String listPrefix(String namespace) {
    checkNotNull(namespace, "namespace");
    return resource.namespaced() && !namespace.isEmpty()
        ? StorageKeys.listPrefix(storagePrefix, namespace)
        : rootPrefix;
  }

  private String objectKey(String namespace, String name) {
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    if (resource.namespaced() && namespace.isEmpty()) {
      throw ApiErrors.badRequest("Namespace parameter required.");
    }
    if (name.isEmpty()) {
      throw ApiErrors.badRequest("Name parameter required.");
    }
    List<String> problems = NameValidation.pathSegment(name);
    if (!problems.isEmpty()) {
      throw ApiErrors.badRequest(
          "Name parameter invalid: " + GoQuote.quote(name) + ": " + String.join(";", problems));
    }
    return StorageKeys.objectKey(storagePrefix, resource.namespaced() ? namespace : null, name);
  }

  private GroupResource groupResource() {
    return GroupResource.of(group, resource.plural());
  }

  private ApiException notFound(String name) {
    return ApiErrors.notFound(group, resource.plural(), name);
  }

  private ApiException translate(StorageException e, String name, long requestedRevision) {
    return switch (e.code()) {
      case NOT_FOUND -> notFound(name);
      case KEY_EXISTS -> ApiErrors.alreadyExists(group, resource.plural(), name);
      case CONFLICT ->
          ApiErrors.conflict(group, resource.plural(), name, RegistryErrors.OPTIMISTIC_LOCK);
      case COMPACTED -> RegistryErrors.expired(RegistryErrors.LIST_EXPIRED);
      case REVISION_TOO_LARGE ->
          RegistryErrors.tooLargeResourceVersion(
              requestedRevision, Math.max(cache.revision(), storage.currentRevision()));
      case INTERNAL -> ApiErrors.internalError(String.valueOf(e.getMessage()));
    };
  }

  /**
   * Parses a resourceVersion as upstream's {@code APIObjectVersioner}: an unsigned decimal.
   *
   * @throws ApiException 400 {@code invalid resource version: ...}
   */
  static long parseResourceVersion(String rv) {
    try {
      long value = Long.parseLong(rv);
      if (value >= 0 && !rv.startsWith("+")) {
        return value;
      }
    } catch (NumberFormatException e) {
      boolean digits = !rv.isEmpty() && rv.chars().allMatch(Character::isDigit);
      if (digits) {
        throw invalidResourceVersion(rv, "value out of range");
      }
    }
    throw invalidResourceVersion(rv, "invalid syntax");
  }

  private static ApiException invalidResourceVersion(String rv, String reason) {
    return ApiErrors.badRequest(
        "invalid resource version: resourceVersion: Invalid value: "
            + GoQuote.quote(rv)
            + ": strconv.ParseUint: parsing "
            + GoQuote.quote(rv)
            + ": "
            + reason);
  }

  private static ObjectNode metadata(Unstructured object) {
    JsonNode metadata = object.object().get("metadata");
    if (metadata instanceof ObjectNode m) {
      return m;
    }
    ObjectNode created = JsonNodeFactory.instance.objectNode();
    ObjectCodec.putSorted(object.object(), "metadata", created);
    return created;
  }

  /** Makes {@code to.field} what {@code from.field} is (absent included), keeping key order. */
  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      ObjectCodec.putSorted(to, field, value.deepCopy());
    }
  }

  /** A value printed as is in a field error ({@code Invalid value: 0}), like Go's {@code %#v} of a number. */
  record GoLiteral(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** Configures a {@link Store}; {@link #build()} starts its watch cache. Not thread-safe. */
  public static final class Builder {
    private final Storage storage;
    private final GroupVersion groupVersion;
    private final ResourceDefinition resource;
    private NamespaceChecker namespaces = NamespaceChecker.ANY;
    private Clock clock = Clock.systemUTC();
    private UnaryOperator<String> nameGenerator = NameGenerator::generate;
    private UnaryOperator<WatchCache.Builder<Unstructured>> cacheCustomizer = b -> b;

    private Builder(Storage storage, GroupVersion groupVersion, ResourceDefinition resource) {
      this.storage = checkNotNull(storage, "storage");
      this.groupVersion = checkNotNull(groupVersion, "groupVersion");
      this.resource = checkNotNull(resource, "resource");
      checkArgument(
          !groupVersion.version().isEmpty(), "group version %s has no version", groupVersion);
    }

    /** Who tells whether a namespace exists (default: every namespace exists). */
    public Builder namespaceChecker(NamespaceChecker checker) {
      this.namespaces = checkNotNull(checker, "checker");
      return this;
    }

    /** The clock for creation and deletion timestamps. */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /** Adjusts the watch cache (buffer sizes, bookmark interval, shared scheduler). */
    public Builder watchCache(UnaryOperator<WatchCache.Builder<Unstructured>> customizer) {
      this.cacheCustomizer = checkNotNull(customizer, "customizer");
      return this;
    }

    /** Replaces the random name suffix generator (tests). */
    Builder nameGenerator(UnaryOperator<String> generator) {
      this.nameGenerator = checkNotNull(generator, "generator");
      return this;
    }

    /**
     * Builds the store and loads its watch cache.
     *
     * @throws StorageException if the storage cannot be listed or watched
     */
    public Store build() {
      return new Store(this);
    }
  }
}
