package io.kapi.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.meta.Preconditions;
import io.kapi.api.meta.Status;
import io.kapi.api.schema.GroupVersion;
import io.kapi.api.selector.FieldSelector;
import io.kapi.api.selector.LabelSelector;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.storage.ForwardingStorage;
import io.kapi.server.storage.KeyValue;
import io.kapi.server.storage.Storage;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import io.kapi.server.storage.cache.WatchCacheEvent;
import io.kapi.server.storage.cache.WatchCloseReason;
import io.kapi.server.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class StoreTest {
  private static final GroupVersion GV = GroupVersion.of("example.com", "v1");
  private static final ResourceDefinition WIDGETS =
      ResourceDefinition.builder("widgets", "Widget").statusSubresource().build();

  private final MemoryStorage storage = MemoryStorage.create();
  private final List<Store> stores = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(Store::close);
    storage.close();
  }

  private Store store(ResourceDefinition resource) {
    return store(Store.builder(storage, GV, resource));
  }

  private Store store(Store.Builder builder) {
    Store store = builder.build();
    stores.add(store);
    return store;
  }

  private static Unstructured widget(String name, String color) {
    Unstructured w = Unstructured.of("example.com/v1", "Widget");
    if (name != null) {
      w.setName(name);
    }
    w.setNested(JsonNodeFactory.instance.stringNode(color), "spec", "color");
    return w;
  }

  private static ApiException apiError(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("no ApiException");
  }

  @Test
  void createSetsSystemFieldsAndStoresSortedJsonWithoutResourceVersion() {
    Store widgets = store(WIDGETS);
    Unstructured body = widget("a", "red");
    body.setNested(JsonNodeFactory.instance.stringNode("Ready"), "status", "phase");

    WriteResult result = widgets.create("default", body, WriteOptions.DEFAULT);

    Unstructured created = result.object();
    assertThat(result.created()).isTrue();
    assertThat(created.getNamespace()).isEqualTo("default");
    assertThat(created.getUid()).matches("[0-9a-f-]{36}");
    assertThat(created.getCreationTimestamp()).isNotNull();
    assertThat(created.getGeneration()).isEqualTo(1);
    assertThat(created.getNested("status")).as("status dropped on create").isNull();
    KeyValue stored = storage.get("/registry/example.com/widgets/default/a").orElseThrow();
    assertThat(created.getResourceVersion()).isEqualTo(Long.toString(stored.modRevision()));
    String json = new String(stored.value(), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("resourceVersion").startsWith("{\"apiVersion\"");
    assertThat(json.indexOf("\"creationTimestamp\"")).isLessThan(json.indexOf("\"name\""));
  }

  @Test
  void createRejectsInvalidNamesWithUpstreamMessage() {
    Store widgets = store(WIDGETS);

    ApiException e = apiError(() -> widgets.create("default", widget("A_b", "red"), WriteOptions.DEFAULT));

    assertThat(e.code()).isEqualTo(422);
    assertThat(e.status().message())
        .isEqualTo(
            "Widget.example.com \"A_b\" is invalid: metadata.name: Invalid value: \"A_b\": a"
                + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                + " characters, '-' or '.', and must start and end with an alphanumeric character"
                + " (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }

  @Test
  void createChecksNamespaceResourceVersionKindAndExistence() {
    Store widgets =
        store(
            Store.builder(storage, GV, WIDGETS).namespaceChecker(ns -> !ns.equals("missing")));
    Unstructured elsewhere = widget("a", "red");
    elsewhere.setNamespace("other");
    Unstructured withRv = widget("a", "red");
    withRv.setResourceVersion("5");
    Unstructured gadget = widget("a", "red");
    gadget.setKind("Gadget");
    Unstructured v2 = widget("a", "red");
    v2.setApiVersion("example.com/v2");

    assertThat(apiError(() -> widgets.create("default", elsewhere, WriteOptions.DEFAULT)).status().message())
        .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
    ApiException rv = apiError(() -> widgets.create("default", withRv, WriteOptions.DEFAULT));
    assertThat(rv.code()).isEqualTo(500);
    assertThat(rv.status().reason()).isEmpty();
    assertThat(rv.status().message()).isEqualTo("resourceVersion should not be set on objects to be created");
    assertThat(apiError(() -> widgets.create("default", gadget, WriteOptions.DEFAULT)).status().message())
        .isEqualTo("Widget.example.com \"a\" is invalid: kind: Invalid value: \"Gadget\": must be Widget");
    assertThat(apiError(() -> widgets.create("default", v2, WriteOptions.DEFAULT)).status().message())
        .isEqualTo(
            "the API version in the data (example.com/v2) does not match the expected API version"
                + " (example.com/v1)");
    ApiException ns = apiError(() -> widgets.create("missing", widget("a", "red"), WriteOptions.DEFAULT));
    assertThat(ns.code()).isEqualTo(404);
    assertThat(ns.status().message()).isEqualTo("namespaces \"missing\" not found");

    widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT);
    ApiException exists = apiError(() -> widgets.create("default", widget("a", "blue"), WriteOptions.DEFAULT));
    assertThat(exists.code()).isEqualTo(409);
    assertThat(exists.status().message()).isEqualTo("widgets.example.com \"a\" already exists");
  }

  @Test
  void generateNameAppendsFiveCharactersAndGivesUpAfterEightCollisions() {
    Store random = store(WIDGETS);
    Unstructured body = widget(null, "red");
    body.setGenerateName("w".repeat(60));

    String name = random.create("default", body, WriteOptions.DEFAULT).object().getName();

    assertThat(name).matches("w{58}[bcdfghjklmnpqrstvwxz2456789]{5}");

    Store fixed = store(Store.builder(storage, GV, WIDGETS).nameGenerator(base -> base + "fixed"));
    Unstructured gen = widget(null, "red");
    gen.setGenerateName("x-");
    fixed.create("default", gen, WriteOptions.DEFAULT);
    ApiException e = apiError(() -> fixed.create("default", gen, WriteOptions.DEFAULT));
    assertThat(e.code()).isEqualTo(409);
    assertThat(e.status().message())
        .isEqualTo(
            "widgets.example.com \"x-fixed\" already exists, the server was not able to generate a"
                + " unique name for the object");
    assertThat(e.status().details().retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void dryRunPersistsNothing() {
    Store widgets = store(WIDGETS);
    long before = storage.currentRevision();

    WriteResult result =
        widgets.create("default", widget("a", "red"), new WriteOptions(true, FieldValidation.WARN));

    assertThat(result.object().getUid()).isNotNull();
    assertThat(storage.currentRevision()).isEqualTo(before);
    assertThat(storage.get("/registry/example.com/widgets/default/a")).isEmpty();
  }

  @Test
  void updateEnforcesResourceVersionAndSkipsNoOps() {
    Store widgets = store(WIDGETS);
    widgets.create("default", widget("first", "red"), WriteOptions.DEFAULT);
    Unstructured created = widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT).object();

    Unstructured stale = created.deepCopy();
    stale.setResourceVersion("1");
    ApiException conflict =
        apiError(() -> widgets.update("default", "a", ObjectUpdater.replaceWith(stale), WriteOptions.DEFAULT, false));
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.status().message())
        .isEqualTo(
            "Operation cannot be fulfilled on widgets.example.com \"a\": the object has been"
                + " modified; please apply your changes to the latest version and try again");

    long revision = storage.currentRevision();
    WriteResult same =
        widgets.update("default", "a", ObjectUpdater.replaceWith(created), WriteOptions.DEFAULT, false);
    assertThat(storage.currentRevision()).isEqualTo(revision);
    assertThat(same.object().getResourceVersion()).isEqualTo(created.getResourceVersion());

    Unstructured blue = created.deepCopy();
    blue.setNested(JsonNodeFactory.instance.stringNode("blue"), "spec", "color");
    blue.setResourceVersion(null);
    WriteResult updated =
        widgets.update("default", "a", ObjectUpdater.replaceWith(blue), WriteOptions.DEFAULT, false);
    assertThat(updated.object().getGeneration()).isEqualTo(2);
    assertThat(updated.object().getResourceVersion()).isEqualTo(Long.toString(storage.currentRevision()));
  }

  @Test
  void unconditionalUpdateNeedsStrategyPermission() {
    ResourceDefinition strict =
        ResourceDefinition.builder("widgets", "Widget")
            .strategy(
                new ResourceStrategy() {
                  @Override
                  public boolean allowUnconditionalUpdate() {
                    return false;
                  }
                })
            .build();
    Store widgets = store(strict);
    widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT);

    ApiException e =
        apiError(
            () -> widgets.update("default", "a", ObjectUpdater.replaceWith(widget("a", "blue")), WriteOptions.DEFAULT, false));

    assertThat(e.code()).isEqualTo(422);
    assertThat(e.status().message())
        .isEqualTo(
            "widgets.example.com \"a\" is invalid: metadata.resourceVersion: Invalid value: 0: must"
                + " be specified for an update");
  }

  @Test
  void statusSubresourceSeparatesStatusFromSpec() {
    Store widgets = store(WIDGETS);
    widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT);

    Unstructured statusBody = widget("a", "ignored");
    statusBody.setNested(JsonNodeFactory.instance.stringNode("Ready"), "status", "phase");
    Unstructured afterStatus =
        widgets.update("default", "a", ObjectUpdater.replaceWith(statusBody), WriteOptions.DEFAULT, true).object();
    assertThat(afterStatus.getNestedString("status", "phase")).isEqualTo("Ready");
    assertThat(afterStatus.getNestedString("spec", "color")).isEqualTo("red");
    assertThat(afterStatus.getGeneration()).isEqualTo(1);

    Unstructured mainBody = widget("a", "green");
    mainBody.setNested(JsonNodeFactory.instance.stringNode("Broken"), "status", "phase");
    Unstructured afterMain =
        widgets.update("default", "a", ObjectUpdater.replaceWith(mainBody), WriteOptions.DEFAULT, false).object();
    assertThat(afterMain.getNestedString("status", "phase")).isEqualTo("Ready");
    assertThat(afterMain.getNestedString("spec", "color")).isEqualTo("green");
    assertThat(afterMain.getGeneration()).isEqualTo(2);
  }

  @Test
  void finalizersDelayDeletionUntilTheLastIsRemoved() {
    Store widgets = store(WIDGETS);
    Unstructured body = widget("a", "red");
    body.setFinalizers(List.of("example.com/cleanup"));
    widgets.create("default", body, WriteOptions.DEFAULT);

    DeleteResult marked = widgets.delete("default", "a", DeleteOptions.defaults());
    assertThat(marked.deleted()).isFalse();
    Unstructured deleting = (Unstructured) marked.body();
    assertThat(deleting.getDeletionTimestamp()).isNotNull();
    assertThat(deleting.getDeletionGracePeriodSeconds()).isZero();
    assertThat(deleting.getGeneration()).isEqualTo(2);

    Unstructured cleared = deleting.deepCopy();
    cleared.setFinalizers(null);
    widgets.update("default", "a", ObjectUpdater.replaceWith(cleared), WriteOptions.DEFAULT, false);

    assertThat(storage.get("/registry/example.com/widgets/default/a")).isEmpty();
  }

  /** Widgets held by {@code spec.holds} (like a namespace's spec.finalizers), phase on delete. */
  private static final ResourceDefinition HELD_WIDGETS =
      ResourceDefinition.builder("widgets", "Widget")
          .strategy(
              new ResourceStrategy() {
                @Override
                public boolean heldByResourceFinalizers(Unstructured object) {
                  return object.getNested("spec", "holds") != null
                      && !object.getNested("spec", "holds").isEmpty();
                }

                @Override
                public void prepareForDelete(Unstructured object) {
                  object.setNested(
                      JsonNodeFactory.instance.stringNode("Terminating"), "status", "phase");
                }

                @Override
                public List<String> selectableFields() {
                  return List.of("spec.color", "status.phase");
                }
              })
          .build();

  private static Unstructured heldWidget(String name, String... holds) {
    Unstructured w = widget(name, "red");
    tools.jackson.databind.node.ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (String h : holds) {
      list.add(h);
    }
    w.setNested(list, "spec", "holds");
    return w;
  }

  @Test
  void strategyFinalizersHoldDeletedObjectsUntilUpdateClearsThem() {
    Store widgets = store(HELD_WIDGETS);
    widgets.create("default", heldWidget("a", "kubernetes"), WriteOptions.DEFAULT);

    DeleteResult marked = widgets.delete("default", "a", DeleteOptions.defaults());

    assertThat(marked.deleted()).isFalse();
    Unstructured deleting = (Unstructured) marked.body();
    assertThat(deleting.getDeletionTimestamp()).isNotNull();
    assertThat(deleting.fieldValue("status.phase")).isEqualTo("Terminating");
    assertThat(storage.get("/registry/example.com/widgets/default/a")).isPresent();
    Unstructured stillHeld = deleting.deepCopy();
    stillHeld.setNested(JsonNodeFactory.instance.stringNode("blue"), "spec", "color");
    widgets.update("default", "a", ObjectUpdater.replaceWith(stillHeld), WriteOptions.DEFAULT, false);
    assertThat(widgets.get("default", "a", null).object().fieldValue("spec.color"))
        .isEqualTo("blue");

    Unstructured released = widgets.get("default", "a", null).object().deepCopy();
    released.setNested(JsonNodeFactory.instance.arrayNode(), "spec", "holds");
    widgets.update("default", "a", ObjectUpdater.replaceWith(released), WriteOptions.DEFAULT, false);

    assertThat(storage.get("/registry/example.com/widgets/default/a")).isEmpty();
  }

  @Test
  void updateSubresourceStoresWhatTheStrategyTakesAndChecksTheResourceVersion() {
    ResourceDefinition finalizable =
        ResourceDefinition.builder("widgets", "Widget")
            .updateSubresource("finalize")
            .strategy(
                new ResourceStrategy() {
                  @Override
                  public Unstructured prepareForSubresourceUpdate(
                      String subresource, Unstructured object, Unstructured old) {
                    old.setNested(object.getNested("spec", "color").deepCopy(), "spec", "color");
                    return old;
                  }
                })
            .build();
    Store widgets = store(finalizable);
    Unstructured created =
        widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT).object();
    Unstructured request = widget("a", "blue");
    request.setNamespace("default");
    request.setLabels(Map.of("ignored", "yes"));
    request.setResourceVersion(created.getResourceVersion());

    Unstructured stored =
        widgets
            .updateSubresource(
                "default", "a", "finalize", ObjectUpdater.replaceWith(request), WriteOptions.DEFAULT)
            .object();

    assertThat(stored.fieldValue("spec.color")).isEqualTo("blue");
    assertThat(stored.getLabels()).isEmpty();
    assertThat(
            apiError(
                    () ->
                        widgets.updateSubresource(
                            "default", "a", "finalize", ObjectUpdater.replaceWith(request),
                            WriteOptions.DEFAULT))
                .code())
        .isEqualTo(409);
    assertThat(
            apiError(
                    () ->
                        widgets.updateSubresource(
                            "default", "missing", "finalize",
                            ObjectUpdater.replaceWith(widget("missing", "red")),
                            WriteOptions.DEFAULT))
                .code())
        .isEqualTo(404);
    assertThatThrownBy(
            () ->
                widgets.updateSubresource(
                    "default", "a", "scale", ObjectUpdater.replaceWith(request),
                    WriteOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resource widgets has no subresource scale");
  }

  @Test
  void objectsNotHeldByAnyFinalizerAreDeletedAtOnce() {
    Store widgets = store(HELD_WIDGETS);
    widgets.create("default", heldWidget("a"), WriteOptions.DEFAULT);

    DeleteResult result = widgets.delete("default", "a", DeleteOptions.defaults());

    assertThat(result.deleted()).isTrue();
    assertThat(storage.get("/registry/example.com/widgets/default/a")).isEmpty();
  }

  @Test
  void strategySelectableFieldsFilterListsAndWatches() {
    Store widgets = store(HELD_WIDGETS);
    widgets.create("default", heldWidget("a"), WriteOptions.DEFAULT);
    Unstructured blue = heldWidget("b");
    blue.setNested(JsonNodeFactory.instance.stringNode("blue"), "spec", "color");
    widgets.create("default", blue, WriteOptions.DEFAULT);

    assertThat(names(widgets.list("", ListParams.all().selecting(LabelSelector.everything(), FieldSelector.parse("spec.color=blue")))))
        .containsExactly("b");
    assertThat(names(widgets.list("", ListParams.all().selecting(LabelSelector.everything(), FieldSelector.parse("status.phase!=Terminating")))))
        .containsExactly("a", "b");
    WatchParams unsupported =
        new WatchParams(LabelSelector.everything(), FieldSelector.parse("spec.size=1"), null, false, null);
    assertThat(
            apiError(() -> widgets.watch("", unsupported, new WatchCacheConsumer() {
                  @Override
                  public void onEventsAvailable() {}

                  @Override
                  public void onClosed(WatchCloseReason reason) {}
                }))
                .status()
                .message())
        .isEqualTo("field label not supported: spec.size");
  }

  @Test
  void namespaceCheckerAdmitsCreatesIncludingCreateOnUpdate() {
    ResourceDefinition upsertable =
        ResourceDefinition.builder("widgets", "Widget")
            .strategy(
                new ResourceStrategy() {
                  @Override
                  public boolean allowCreateOnUpdate() {
                    return true;
                  }
                })
            .build();
    List<String> admitted = new ArrayList<>();
    NamespaceChecker checker =
        new NamespaceChecker() {
          @Override
          public boolean exists(String namespace) {
            return true;
          }

          @Override
          public void admitCreate(
              io.kapi.api.schema.GroupResource resource, String namespace, Unstructured object) {
            admitted.add(resource + "/" + namespace + "/" + object.getName());
            if (namespace.equals("closing")) {
              throw io.kapi.api.errors.ApiErrors.badRequest("closing");
            }
          }
        };
    Store widgets = store(Store.builder(storage, GV, upsertable).namespaceChecker(checker));

    widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT);
    Unstructured upsert = widget("b", "red");
    upsert.setNamespace("default");
    widgets.update("default", "b", ObjectUpdater.replaceWith(upsert), WriteOptions.DEFAULT, false);
    Unstructured refused = widget("c", "red");
    refused.setNamespace("closing");

    assertThat(apiError(() -> widgets.update("closing", "c", ObjectUpdater.replaceWith(refused), WriteOptions.DEFAULT, false)).code())
        .isEqualTo(400);
    assertThat(admitted)
        .containsExactly("widgets.example.com/default/a", "widgets.example.com/default/b",
            "widgets.example.com/closing/c");
    assertThat(storage.get("/registry/example.com/widgets/closing/c")).isEmpty();
    assertThat(apiError(() -> widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT)).code())
        .isEqualTo(409);
    assertThat(apiError(() -> store(Store.builder(storage, GV, WIDGETS).namespaceChecker(ns -> false))
                .create("team", widget("x", "red"), WriteOptions.DEFAULT))
            .status()
            .message())
        .isEqualTo("namespaces \"team\" not found");
  }

  @Test
  void deletePreconditionsAndSuccessStatus() {
    ResourceDefinition crLike =
        ResourceDefinition.builder("widgets", "Widget")
            .strategy(
                new ResourceStrategy() {
                  @Override
                  public boolean returnDeletedObject() {
                    return false;
                  }
                })
            .build();
    Store widgets = store(crLike);
    Unstructured created = widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT).object();
    DeleteOptions wrongUid =
        new DeleteOptions(null, null, null, new Preconditions("nope", null), null, null, List.of(), null);

    ApiException e = apiError(() -> widgets.delete("default", "a", wrongUid));
    assertThat(e.code()).isEqualTo(409);
    assertThat(e.status().message())
        .isEqualTo(
            "Operation cannot be fulfilled on Widget.example.com \"a\": the UID in the precondition"
                + " (nope) does not match the UID in record ("
                + created.getUid()
                + "). The object might have been deleted and then recreated");

    DeleteResult deleted = widgets.delete("default", "a", DeleteOptions.defaults());
    assertThat(deleted.deleted()).isTrue();
    assertThat(ApiCodec.json().toTree(deleted.body()).toString())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                + "\"details\":{\"name\":\"a\",\"group\":\"example.com\",\"kind\":\"widgets\",\"uid\":\""
                + created.getUid()
                + "\"}}");
    assertThat(((Status) deleted.body()).status()).isEqualTo("Success");
  }

  @Test
  void paginationIsConsistentAcrossConcurrentWrites() {
    Store widgets = store(WIDGETS);
    for (int i = 0; i < 5; i++) {
      widgets.create("default", widget("w" + i, "red"), WriteOptions.DEFAULT);
    }

    ObjectList first = widgets.list("default", ListParams.all().page(2, null));
    widgets.create("default", widget("w10", "red"), WriteOptions.DEFAULT);
    widgets.delete("default", "w4", DeleteOptions.defaults());
    ObjectList second = widgets.list("default", ListParams.all().page(2, first.continueToken()));
    ObjectList third = widgets.list("default", ListParams.all().page(2, second.continueToken()));

    assertThat(names(first)).containsExactly("w0", "w1");
    assertThat(first.remainingItemCount()).isEqualTo(3);
    assertThat(names(second)).containsExactly("w2", "w3");
    assertThat(names(third)).containsExactly("w4");
    assertThat(third.continueToken()).isNull();
    assertThat(second.resourceVersion()).isEqualTo(first.resourceVersion());
    String token =
        new String(Base64.getUrlDecoder().decode(first.continueToken()), StandardCharsets.UTF_8);
    assertThat(token)
        .isEqualTo("{\"v\":\"meta.k8s.io/v1\",\"rv\":" + first.resourceVersion() + ",\"start\":\"w1\\u0000\"}");
  }

  @Test
  void laterPagesComeFromTheCachedStateOfTheFirstPageWithoutReadingTheStorage() {
    ListCountingStorage counting = new ListCountingStorage(storage);
    Store widgets = store(Store.builder(counting, GV, WIDGETS));
    for (int i = 0; i < 5; i++) {
      widgets.create("default", widget("w" + i, "red"), WriteOptions.DEFAULT);
    }
    awaitCache(widgets);
    ObjectList first = widgets.list("default", ListParams.all().page(2, null));
    Unstructured w2 = widgets.get("default", "w2", null).object().deepCopy();
    w2.setNested(JsonNodeFactory.instance.stringNode("blue"), "spec", "color");
    widgets.update("default", "w2", ObjectUpdater.replaceWith(w2), WriteOptions.DEFAULT, false);
    widgets.delete("default", "w4", DeleteOptions.defaults());
    int listsBefore = counting.lists;

    ObjectList second = widgets.list("default", ListParams.all().page(2, first.continueToken()));
    ObjectList third = widgets.list("default", ListParams.all().page(2, second.continueToken()));

    assertThat(counting.lists).as("storage lists for the later pages").isEqualTo(listsBefore);
    assertThat(names(second)).containsExactly("w2", "w3");
    assertThat(second.items().get(0).object().getNestedString("spec", "color"))
        .as("w2 as it was when the first page was listed")
        .isEqualTo("red");
    assertThat(second.remainingItemCount()).isEqualTo(1);
    assertThat(names(third)).containsExactly("w4");
    assertThat(third.continueToken()).isNull();
    assertThat(third.resourceVersion()).isEqualTo(first.resourceVersion());
  }

  @Test
  void laterPagesReadTheStorageWhenTheCacheKeepsNoStates() {
    ListCountingStorage counting = new ListCountingStorage(storage);
    Store widgets =
        store(
            Store.builder(counting, GV, WIDGETS)
                .watchCache(b -> b.pagedSnapshots(0, java.time.Duration.ofSeconds(30))));
    for (int i = 0; i < 3; i++) {
      widgets.create("default", widget("w" + i, "red"), WriteOptions.DEFAULT);
    }
    awaitCache(widgets);
    ObjectList first = widgets.list("default", ListParams.all().page(2, null));
    widgets.delete("default", "w2", DeleteOptions.defaults());
    int listsBefore = counting.lists;

    ObjectList second = widgets.list("default", ListParams.all().page(2, first.continueToken()));

    assertThat(counting.lists).isGreaterThan(listsBefore);
    assertThat(names(second)).containsExactly("w2");
  }

  /**
   * Waits until the store's watch cache holds the storage's current revision, so that a list
   * without resourceVersion is served from the cache.
   */
  private void awaitCache(Store store) {
    store.list(
        "", ListParams.all().at(Long.toString(storage.currentRevision()), "NotOlderThan"));
  }

  /** Counts the list calls that reach the storage. */
  private static final class ListCountingStorage extends ForwardingStorage {
    int lists;

    ListCountingStorage(Storage delegate) {
      super(delegate);
    }

    @Override
    public io.kapi.server.storage.ListResult list(io.kapi.server.storage.ListRequest request) {
      lists++;
      return super.list(request);
    }
  }

  @Test
  void compactedContinueTokenAnswersExpiredWithFreshToken() {
    Store widgets = store(WIDGETS);
    for (int i = 0; i < 3; i++) {
      widgets.create("default", widget("w" + i, "red"), WriteOptions.DEFAULT);
    }
    ObjectList first = widgets.list("", ListParams.all().page(1, null));
    widgets.create("default", widget("w9", "red"), WriteOptions.DEFAULT);
    storage.compact(storage.currentRevision());

    ApiException e = apiError(() -> widgets.list("", ListParams.all().page(1, first.continueToken())));

    assertThat(e.code()).isEqualTo(410);
    assertThat(e.status().reason()).isEqualTo("Expired");
    String fresh = e.status().metadata().continueToken();
    assertThat(new String(Base64.getUrlDecoder().decode(fresh), StandardCharsets.UTF_8))
        .isEqualTo("{\"v\":\"meta.k8s.io/v1\",\"rv\":-1,\"start\":\"default/w0\\u0000\"}");
    assertThat(names(widgets.list("", ListParams.all().page(1, fresh)))).containsExactly("w1");
  }

  @Test
  void invalidContinueTokensAreBadRequests() {
    Store widgets = store(WIDGETS);
    String noRv =
        Base64.getUrlEncoder().withoutPadding().encodeToString(
            "{\"v\":\"meta.k8s.io/v1\",\"start\":\"a\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(apiError(() -> widgets.list("", ListParams.all().page(0, "%%%"))).status().message())
        .isEqualTo("invalid continue token: continue key is not valid: illegal base64 data at input byte 0");
    assertThat(apiError(() -> widgets.list("", ListParams.all().page(0, noRv))).status().message())
        .isEqualTo(
            "invalid continue token: continue key is not valid: incorrect encoded start"
                + " resourceVersion (version meta.k8s.io/v1)");
  }

  @Test
  void resourceVersionSemanticsForLists() {
    Store widgets =
        store(
            Store.builder(storage, GV, WIDGETS)
                .watchCache(b -> b.freshnessTimeout(java.time.Duration.ofMillis(200))));
    Unstructured a = widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT).object();
    long afterA = Long.parseLong(a.getResourceVersion());
    String afterB =
        widgets.create("default", widget("b", "red"), WriteOptions.DEFAULT).object().getResourceVersion();

    ObjectList exact = widgets.list("default", ListParams.all().at(Long.toString(afterA), "Exact"));
    assertThat(names(exact)).containsExactly("a");
    assertThat(exact.resourceVersion()).isEqualTo(afterA);
    assertThat(names(widgets.list("default", ListParams.all().at(afterB, "NotOlderThan"))))
        .containsExactly("a", "b");
    assertThat(names(widgets.list("default", ListParams.all()))).containsExactly("a", "b");

    ApiException tooLarge =
        apiError(() -> widgets.list("default", ListParams.all().at("999", "NotOlderThan")));
    assertThat(tooLarge.code()).isEqualTo(504);
    assertThat(tooLarge.status().message()).startsWith("Timeout: Too large resource version: 999, current: ");
    assertThat(tooLarge.status().details().causes().get(0).reason()).isEqualTo("ResourceVersionTooLarge");

    assertThat(apiError(() -> widgets.list("default", ListParams.all().at("abc", null))).status().message())
        .isEqualTo(
            "invalid resource version: resourceVersion: Invalid value: \"abc\": strconv.ParseUint:"
                + " parsing \"abc\": invalid syntax");
  }

  @Test
  void selectorsFilterAndUnknownFieldLabelsAreRejected() {
    Store widgets = store(WIDGETS);
    Unstructured labelled = widget("a", "red");
    labelled.setLabels(Map.of("tier", "fe"));
    widgets.create("default", labelled, WriteOptions.DEFAULT);
    widgets.create("default", widget("b", "red"), WriteOptions.DEFAULT);

    assertThat(names(widgets.list("", ListParams.all().selecting(LabelSelector.parse("tier=fe"), FieldSelector.everything()))))
        .containsExactly("a");
    assertThat(names(widgets.list("", ListParams.all().selecting(LabelSelector.everything(), FieldSelector.parse("metadata.name=b")))))
        .containsExactly("b");
    assertThat(
            apiError(() -> widgets.list("", ListParams.all().selecting(LabelSelector.everything(), FieldSelector.parse("spec.color=red"))))
                .status()
                .message())
        .isEqualTo("field label not supported: spec.color");
  }

  @Test
  void schemaHookPrunesDefaultsAndValidates() {
    ObjectSchemaHook hook =
        new ObjectSchemaHook() {
          @Override
          public List<String> prune(tools.jackson.databind.node.ObjectNode object) {
            return object.path("spec").has("foo")
                ? List.of(remove(object))
                : List.of();
          }

          private String remove(tools.jackson.databind.node.ObjectNode object) {
            ((tools.jackson.databind.node.ObjectNode) object.get("spec")).remove("foo");
            return "spec.foo";
          }

          @Override
          public List<FieldError> validate(tools.jackson.databind.node.ObjectNode object) {
            return object.path("spec").path("color").asString("").equals("black")
                ? List.of(FieldError.notSupported("spec.color", "black", List.of("red", "blue")))
                : List.of();
          }

          @Override
          public void applyDefaults(tools.jackson.databind.node.ObjectNode object) {
            ((tools.jackson.databind.node.ObjectNode) object.get("spec")).putIfAbsent("size", JsonNodeFactory.instance.numberNode(1));
          }
        };
    Store widgets = store(ResourceDefinition.builder("widgets", "Widget").schema(hook).build());
    Unstructured body = widget("a", "red");
    body.setNested(JsonNodeFactory.instance.stringNode("x"), "spec", "foo");

    WriteResult warned = widgets.create("default", body, WriteOptions.DEFAULT);
    assertThat(warned.warnings()).containsExactly("unknown field \"spec.foo\"");
    assertThat(warned.object().getNested("spec", "foo")).isNull();
    assertThat(warned.object().getNested("spec", "size").asInt()).isEqualTo(1);

    Unstructured strictBody = body.deepCopy();
    strictBody.setName("b");
    assertThat(apiError(() -> widgets.create("default", strictBody, new WriteOptions(false, FieldValidation.STRICT))).status().message())
        .isEqualTo("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.foo\"");
    assertThat(apiError(() -> widgets.create("default", widget("c", "black"), WriteOptions.DEFAULT)).status().message())
        .isEqualTo(
            "Widget.example.com \"c\" is invalid: spec.color: Unsupported value: \"black\":"
                + " supported values: \"red\", \"blue\"");
  }

  @Test
  void consistentReadsDoNotWaitForBackendsWithoutProgressNotifications() throws Exception {
    Storage noProgress = new NoProgressStorage(storage);
    Store widgets = store(Store.builder(noProgress, GV, WIDGETS));
    widgets.create("default", widget("a", "red"), WriteOptions.DEFAULT);
    storage.create("/registry/other/x", "{}".getBytes(StandardCharsets.UTF_8));

    long start = System.nanoTime();
    ObjectList list = widgets.list("default", ListParams.all());
    java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
    CacheWatch<Unstructured> watch =
        widgets.watch(
            "default",
            WatchParams.all(),
            new WatchCacheConsumer() {
              @Override
              public void onEventsAvailable() {
                events.add("signal");
              }

              @Override
              public void onClosed(WatchCloseReason reason) {}
            });
    try {
      WatchCacheEvent<Unstructured> first = null;
      while (first == null
          && events.poll(2, java.util.concurrent.TimeUnit.SECONDS) != null) {
        first = watch.poll();
      }
      assertThat(first).isNotNull();
      assertThat(first.type()).isEqualTo(WatchCacheEvent.Type.ADDED);
      assertThat(first.object().object().getName()).isEqualTo("a");
    } finally {
      watch.close();
    }
    assertThat(names(list)).containsExactly("a");
    assertThat(list.resourceVersion()).isEqualTo(storage.currentRevision());
    assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(2));
  }

  /** A storage whose watches cannot confirm progress (requestProgress does nothing). */
  private static final class NoProgressStorage extends ForwardingStorage {
    NoProgressStorage(Storage delegate) {
      super(delegate);
    }

    @Override
    public io.kapi.server.storage.Watch watch(
        String prefix, long fromRevision, io.kapi.server.storage.WatchListener listener) {
      io.kapi.server.storage.Watch w = delegate.watch(prefix, fromRevision, listener);
      return w::close;
    }

    @Override
    public void close() {}
  }


  private static List<String> names(ObjectList list) {
    return list.items().stream().map(o -> o.object().getName()).toList();
  }
}
