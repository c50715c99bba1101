package io.kapi.server.core.v1;

import static io.kapi.server.core.v1.Objects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.ApiException;
import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WriteOptions;
import io.kapi.server.storage.memory.MemoryStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core group in the generic store over memory storage, wired as the report describes. */
class CoreV1StoreTest {
  private final MemoryStorage storage = MemoryStorage.create();
  private final ApiGroupInfo core = CoreV1.apiGroupInfo();
  private final List<Store> stores = new ArrayList<>();
  private final Store namespaces = store("namespaces", null);
  private final NamespaceLifecycle lifecycle =
      new NamespaceLifecycle(NamespaceAccess.of(namespaces)::get);
  private final Store pods = store("pods", lifecycle);
  private final Store services = store("services", lifecycle);
  private final Store secrets = store("secrets", lifecycle);
  private final NamespaceFinalizer finalizer =
      new NamespaceFinalizer(
          NamespaceAccess.of(namespaces),
          () ->
              List.of(
                  NamespacedContent.of(pods),
                  NamespacedContent.of(services),
                  NamespacedContent.of(secrets)),
          Clock.systemUTC());

  private Store store(String plural, NamespaceLifecycle checker) {
    ResourceDefinition resource =
        core.resources("v1").stream()
            .filter(r -> r.plural().equals(plural))
            .findFirst()
            .orElseThrow();
    Store.Builder builder = Store.builder(storage, core.groupVersion("v1"), resource);
    if (checker != null) {
      builder.namespaceChecker(checker);
    }
    Store store = builder.build();
    stores.add(store);
    return store;
  }

  @AfterEach
  void close() {
    stores.forEach(Store::close);
    storage.close();
  }

  private void createNamespace(String name) {
    namespaces.create("", CoreV1.namespace(name), WriteOptions.DEFAULT);
  }

  @Test
  void initialNamespacesAreStoredActive() {
    CoreV1.initialNamespaces().forEach(ns -> namespaces.create("", ns, WriteOptions.DEFAULT));

    Unstructured kubeSystem = namespaces.get("", "kube-system", null).object();
    assertThat(kubeSystem.getNestedString("status", "phase")).isEqualTo("Active");
    assertThat(kubeSystem.getLabels())
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
    assertThat(kubeSystem.getNested("spec", "finalizers").toString()).isEqualTo("[\"kubernetes\"]");
    assertThat(kubeSystem.getGeneration()).isZero();
    assertThat(storage.get("/registry/namespaces/kube-system")).isPresent();
  }

  @Test
  void podsGoThroughTheStrategy() {
    createNamespace("default");

    Unstructured pod =
        pods.create(
                "default",
                json(
                    "{'metadata':{'name':'web'},'spec':{'containers':[{'name':'a','image':'nginx'}]}}"),
                WriteOptions.DEFAULT)
            .object();

    assertThat(pod.getNestedString("status", "phase")).isEqualTo("Pending");
    assertThat(pod.getGeneration()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                pods.create(
                    "default",
                    json("{'metadata':{'name':'bad'},'spec':{'containers':[]}}"),
                    WriteOptions.DEFAULT))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(422);
              assertThat(e.getMessage())
                  .isEqualTo("Pod \"bad\" is invalid: spec.containers: Required value");
            });
  }

  @Test
  void servicesAreStoredUnderServicesSpecs() {
    createNamespace("default");

    Unstructured service =
        services
            .create(
                "default",
                json("{'metadata':{'name':'web'},'spec':{'ports':[{'port':80}]}}"),
                WriteOptions.DEFAULT)
            .object();

    assertThat(service.getGeneration()).isZero();
    assertThat(ServiceAddresses.inRange(service.getNestedString("spec", "clusterIP"))).isTrue();
    assertThat(storage.get("/registry/services/specs/default/web")).isPresent();
  }

  @Test
  void creatingInAMissingNamespaceIsNotFound() {
    assertThatThrownBy(
            () -> secrets.create("nope", json("{'metadata':{'name':'s'}}"), WriteOptions.DEFAULT))
        .hasMessage("namespaces \"nope\" not found");
  }

  @Test
  void deletingANamespaceEmptiesAndRemovesIt() {
    createNamespace("team-a");
    createNamespace("team-b");
    pods.create(
        "team-a",
        json("{'metadata':{'name':'web'},'spec':{'containers':[{'name':'a','image':'nginx'}]}}"),
        WriteOptions.DEFAULT);
    secrets.create(
        "team-a", json("{'metadata':{'name':'s'},'stringData':{'k':'v'}}"), WriteOptions.DEFAULT);
    secrets.create(
        "team-b", json("{'metadata':{'name':'s'},'stringData':{'k':'v'}}"), WriteOptions.DEFAULT);

    Unstructured terminating = finalizer.delete("team-a");

    assertThat(terminating.getNestedString("status", "phase")).isEqualTo("Terminating");
    assertThat(namespaces.get("", "team-a", null).object().getDeletionTimestamp()).isNotNull();
    assertThatThrownBy(
            () ->
                lifecycle.admitCreate(
                    GroupResource.of("", "secrets"), "team-a", json("{'metadata':{'name':'t'}}")))
        .hasMessageContaining("because it is being terminated");

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.REMOVED);

    assertThat(storage.get("/registry/namespaces/team-a")).isEmpty();
    assertThat(NamespacedContent.of(pods).list("team-a")).isEmpty();
    assertThat(NamespacedContent.of(secrets).list("team-a")).isEmpty();
    assertThat(NamespacedContent.of(secrets).list("team-b")).hasSize(1);
  }

  @Test
  void heldContentKeepsTheNamespaceUntilReleased() {
    createNamespace("team-a");
    secrets.create(
        "team-a",
        json("{'metadata':{'name':'s','finalizers':['example.com/guard']}}"),
        WriteOptions.DEFAULT);
    finalizer.delete("team-a");

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.CONTENT_REMAINING);
    assertThat(namespaces.get("", "team-a", null).object().getNested("status", "conditions"))
        .hasSize(5);

    secrets.update(
        "team-a",
        "s",
        old -> {
          old.setFinalizers(null);
          return old;
        },
        WriteOptions.DEFAULT,
        false);

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.REMOVED);
    assertThatThrownBy(() -> namespaces.delete("", "team-a", DeleteOptions.defaults()))
        .hasMessage("namespaces \"team-a\" not found");
  }
}
