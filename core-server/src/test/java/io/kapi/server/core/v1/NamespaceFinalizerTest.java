package io.kapi.server.core.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.errors.ApiException;
import io.kapi.api.schema.GroupResource;
import io.kapi.api.unstructured.Unstructured;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NamespaceFinalizerTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.750Z");
  private final InMemoryNamespaces namespaces = new InMemoryNamespaces();
  private final InMemoryContent pods = new InMemoryContent(GroupResource.of("", "pods"));
  private final InMemoryContent widgets =
      new InMemoryContent(GroupResource.of("example.com", "widgets"));
  private final NamespaceFinalizer finalizer =
      new NamespaceFinalizer(
          namespaces, () -> List.of(pods, widgets), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void deleteMarksTheNamespaceTerminating() {
    namespaces.create("team-a");
    pods.add("team-a", "web");

    Unstructured answer = finalizer.delete("team-a");

    assertThat(answer.getDeletionTimestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(answer.getNestedString("status", "phase")).isEqualTo("Terminating");
    assertThat(namespaces.get("team-a")).isEqualTo(answer);
    assertThat(pods.count("team-a")).isEqualTo(1);
  }

  @Test
  void syncEmptiesAndRemovesTheNamespace() {
    namespaces.create("team-a");
    namespaces.create("team-b");
    pods.add("team-a", "web");
    pods.add("team-b", "other");
    widgets.add("team-a", "w1");
    finalizer.delete("team-a");

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.REMOVED);

    assertThat(namespaces.get("team-a")).isNull();
    assertThat(pods.count("team-a")).isZero();
    assertThat(widgets.count("team-a")).isZero();
    assertThat(pods.count("team-b")).isEqualTo(1);
    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.GONE);
  }

  @Test
  void syncLeavesNamespacesThatAreNotBeingDeleted() {
    namespaces.create("team-a");
    pods.add("team-a", "web");

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.NOT_DELETING);
    assertThat(pods.count("team-a")).isEqualTo(1);
  }

  @Test
  void objectsHeldByFinalizersKeepTheNamespaceAndShowInConditions() {
    namespaces.create("team-a");
    pods.add("team-a", "web", "example.com/guard");
    widgets.add("team-a", "w1", "example.com/guard");
    widgets.add("team-a", "w2");
    finalizer.delete("team-a");

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.CONTENT_REMAINING);

    Unstructured namespace = namespaces.get("team-a");
    assertThat(namespace.getNested("spec", "finalizers").toString()).isEqualTo("[\"kubernetes\"]");
    assertThat(condition(namespace, "NamespaceContentRemaining").get("message").stringValue())
        .isEqualTo(
            "Some resources are remaining: pods. has 1 resource instances, widgets.example.com has"
                + " 1 resource instances");
    assertThat(condition(namespace, "NamespaceContentRemaining").get("reason").stringValue())
        .isEqualTo("SomeResourcesRemain");
    assertThat(condition(namespace, "NamespaceFinalizersRemaining").get("message").stringValue())
        .isEqualTo(
            "Some content in the namespace has finalizers remaining: example.com/guard in 2"
                + " resource instances");
    assertThat(
            condition(namespace, "NamespaceDeletionDiscoveryFailure").get("status").stringValue())
        .isEqualTo("False");
    assertThat(
            condition(namespace, "NamespaceContentRemaining")
                .get("lastTransitionTime")
                .stringValue())
        .isEqualTo("2024-05-01T12:00:00Z");
    assertThat(namespace.getNested("status", "conditions").size()).isEqualTo(5);

    pods.finalize("team-a", "web");
    widgets.finalize("team-a", "w1");

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.REMOVED);
    assertThat(namespaces.get("team-a")).isNull();
  }

  @Test
  void failingDeletesAreReportedAndRetried() {
    namespaces.create("team-a");
    pods.add("team-a", "web");
    pods.failDeletes(true);
    finalizer.delete("team-a");

    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.CONTENT_REMAINING);
    JsonNode failure = condition(namespaces.get("team-a"), "NamespaceDeletionContentFailure");
    assertThat(failure.get("status").stringValue()).isEqualTo("True");
    assertThat(failure.get("reason").stringValue()).isEqualTo("ContentDeletionFailed");
    assertThat(failure.get("message").stringValue())
        .isEqualTo(
            "Failed to delete all resource types, 1 remaining: Internal error occurred:"
                + " storage is down");

    pods.failDeletes(false);
    assertThat(finalizer.sync("team-a")).isEqualTo(NamespaceFinalizer.Outcome.REMOVED);
  }

  @Test
  void otherSpecFinalizersWaitForTheirOwners() {
    namespaces.create("team-a");
    Unstructured withExtra = namespaces.get("team-a");
    withExtra.setNested(
        Trees.stringArray(List.of("example.com/cleanup", "kubernetes")), "spec", "finalizers");
    namespaces.update(withExtra);
    finalizer.delete("team-a");

    assertThat(finalizer.sync("team-a"))
        .isEqualTo(NamespaceFinalizer.Outcome.WAITING_FOR_FINALIZERS);
    assertThat(namespaces.get("team-a").getNested("spec", "finalizers").toString())
        .isEqualTo("[\"example.com/cleanup\"]");
  }

  @Test
  void deletingAgainWhileTerminatingIsAConflict() {
    namespaces.create("team-a");
    finalizer.delete("team-a");

    assertThatThrownBy(() -> finalizer.delete("team-a"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(409);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Operation cannot be fulfilled on namespaces \"team-a\": The system is"
                          + " ensuring all content is removed from this namespace.  Upon"
                          + " completion, this namespace will automatically be purged by the"
                          + " system.");
            });
  }

  @Test
  void deletingAFinalizedNamespaceRemovesIt() {
    namespaces.create("team-a");
    Unstructured finalized = namespaces.get("team-a");
    finalized.removeNested("spec", "finalizers");
    namespaces.update(finalized);
    finalizer.delete("team-a");

    Unstructured answer = finalizer.delete("team-a");

    assertThat(answer.getName()).isEqualTo("team-a");
    assertThat(namespaces.get("team-a")).isNull();
  }

  @Test
  void deleteRefusesMissingAndSystemNamespaces() {
    namespaces.create("default");

    assertThatThrownBy(() -> finalizer.delete("nope")).hasMessage("namespaces \"nope\" not found");
    assertThatThrownBy(() -> finalizer.delete("default"))
        .hasMessage("namespaces \"default\" is forbidden: this namespace may not be deleted");
    assertThat(namespaces.get("default").getDeletionTimestamp()).isNull();
  }

  private static JsonNode condition(Unstructured namespace, String type) {
    for (JsonNode condition : namespace.getNested("status", "conditions")) {
      if (condition.get("type").stringValue().equals(type)) {
        return condition;
      }
    }
    throw new AssertionError("no condition " + type + " in " + namespace);
  }
}
