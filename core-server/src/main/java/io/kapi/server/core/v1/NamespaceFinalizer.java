package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.unstructured.Unstructured;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespace deletion as kube-apiserver's namespace REST storage and the namespace controller do it:
 * a DELETE marks the namespace {@code Terminating} ({@link #delete}); each {@link #sync} then
 * deletes everything in it, reports progress in the namespace's status conditions, and once the
 * namespace is empty removes the {@code kubernetes} finalizer and the namespace itself. Syncs are
 * idempotent and may run again at any time; {@link NamespaceController} repeats them until done.
 */
public final class NamespaceFinalizer {
  private static final Logger log = LoggerFactory.getLogger(NamespaceFinalizer.class);
  private static final int CONFLICT_RETRIES = 5;
  private static final List<String> CONDITION_TYPES =
      List.of(
          "NamespaceDeletionDiscoveryFailure",
          "NamespaceDeletionGroupVersionParsingFailure",
          "NamespaceDeletionContentFailure",
          "NamespaceContentRemaining",
          "NamespaceFinalizersRemaining");
  private static final Map<String, String[]> OK_CONDITIONS =
      Map.of(
          "NamespaceDeletionDiscoveryFailure",
          new String[] {"ResourcesDiscovered", "All resources successfully discovered"},
          "NamespaceDeletionGroupVersionParsingFailure",
          new String[] {"ParsedGroupVersions", "All legacy kube types successfully parsed"},
          "NamespaceDeletionContentFailure",
          new String[] {
            "ContentDeleted", "All content successfully deleted, may be waiting on finalization"
          },
          "NamespaceContentRemaining",
          new String[] {"ContentRemoved", "All content successfully removed"},
          "NamespaceFinalizersRemaining",
          new String[] {"ContentRemoved", "All content successfully removed"});

  /** What a {@link #sync} achieved. */
  public enum Outcome {
    /** The namespace does not exist (any more). */
    GONE,
    /** The namespace is not being deleted; nothing to do. */
    NOT_DELETING,
    /** Objects are still in the namespace (deleting, held by finalizers, or failing); retry. */
    CONTENT_REMAINING,
    /** The namespace is empty but other finalizers hold it; whoever owns them finishes. */
    WAITING_FOR_FINALIZERS,
    /** The namespace was removed. */
    REMOVED
  }

  private final NamespaceAccess namespaces;
  private final Supplier<? extends Collection<? extends NamespacedContent>> contents;
  private final Clock clock;

  /**
   * A finalizer over {@code namespaces} that empties namespaces through {@code contents} (asked
   * anew on every sync, so resources added at run time such as custom resources are included).
   */
  public NamespaceFinalizer(
      NamespaceAccess namespaces,
      Supplier<? extends Collection<? extends NamespacedContent>> contents,
      Clock clock) {
    this.namespaces = checkNotNull(namespaces, "namespaces");
    this.contents = checkNotNull(contents, "contents");
    this.clock = checkNotNull(clock, "clock");
  }

  /**
   * Handles {@code DELETE /api/v1/namespaces/<name>}: the first delete sets the deletion timestamp
   * and phase {@code Terminating} and answers with that namespace (the caller then {@linkplain
   * NamespaceController#enqueue enqueues} it); a later one is refused while the namespace still has
   * {@code spec.finalizers}, and removes it otherwise. The REST endpoint itself deletes through the
   * namespaces store, whose {@code NamespaceStrategy} hooks give the same answers; this method
   * serves in-process callers.
   *
   * @return the namespace to answer with
   * @throws ApiException 404 if there is no such namespace, 403 for {@code default}, {@code
   *     kube-system} and {@code kube-public}, 409 while the system is still emptying it
   */
  public Unstructured delete(String name) {
    checkNotNull(name, "name");
    NamespaceLifecycle.admitDelete(name);
    for (int attempt = 0; ; attempt++) {
      Unstructured current = namespaces.get(name);
      if (current == null) {
        throw ApiErrors.notFound("", "namespaces", name);
      }
      if (current.getDeletionTimestamp() == null) {
        Unstructured marked = current.deepCopy();
        marked.setDeletionTimestamp(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Trees.objectForWrite(marked, "status").put("phase", NamespaceStrategy.TERMINATING);
        try {
          return namespaces.update(marked);
        } catch (ApiException e) {
          if (e.code() != 409 || attempt >= CONFLICT_RETRIES) {
            throw e;
          }
          continue;
        }
      }
      if (!specFinalizers(current).isEmpty()) {
        throw ApiErrors.conflict("", "namespaces", name, NamespaceStrategy.STILL_EMPTYING);
      }
      if (current.getFinalizers().isEmpty()) {
        namespaces.remove(name, Objects.requireNonNullElse(current.getUid(), ""));
      }
      return current;
    }
  }

  /**
   * One pass of the namespace controller over namespace {@code name}.
   *
   * @return what the pass achieved; {@link Outcome#CONTENT_REMAINING} asks for another pass later
   */
  public Outcome sync(String name) {
    checkNotNull(name, "name");
    for (int attempt = 0; ; attempt++) {
      try {
        return syncOnce(name);
      } catch (ApiException e) {
        if (e.code() == 404) {
          return Outcome.GONE;
        }
        if (e.code() != 409 || attempt >= CONFLICT_RETRIES) {
          throw e;
        }
        log.debug("namespace {} changed during its sync, retrying", name);
      }
    }
  }

  private Outcome syncOnce(String name) {
    Unstructured namespace = namespaces.get(name);
    if (namespace == null) {
      return Outcome.GONE;
    }
    if (namespace.getDeletionTimestamp() == null) {
      return Outcome.NOT_DELETING;
    }
    if (!Trees.string(namespace, "status", "phase").equals(NamespaceStrategy.TERMINATING)) {
      Unstructured terminating = namespace.deepCopy();
      Trees.objectForWrite(terminating, "status").put("phase", NamespaceStrategy.TERMINATING);
      namespace = namespaces.update(terminating);
    }
    if (specFinalizers(namespace).isEmpty()) {
      return removeIfUnheld(namespace);
    }
    Content content = deleteContent(name);
    Unstructured withConditions = namespace.deepCopy();
    if (updateConditions(withConditions, content)) {
      namespace = namespaces.update(withConditions);
    }
    if (content.remaining() > 0 || !content.failures().isEmpty()) {
      return Outcome.CONTENT_REMAINING;
    }
    Unstructured finalized = namespace.deepCopy();
    List<String> rest = new ArrayList<>(specFinalizers(namespace));
    rest.remove(NamespaceStrategy.FINALIZER);
    ObjectNode spec = Trees.objectForWrite(finalized, "spec");
    if (rest.isEmpty()) {
      spec.remove("finalizers");
    } else {
      spec.set("finalizers", Trees.stringArray(rest));
    }
    Unstructured after = namespaces.updateFinalizers(finalized);
    if (after == null) {
      log.debug("namespace {} removed", name);
      return Outcome.REMOVED;
    }
    return rest.isEmpty() ? removeIfUnheld(after) : Outcome.WAITING_FOR_FINALIZERS;
  }

  private Outcome removeIfUnheld(Unstructured namespace) {
    if (!namespace.getFinalizers().isEmpty()) {
      return Outcome.WAITING_FOR_FINALIZERS;
    }
    namespaces.remove(
        Objects.requireNonNull(namespace.getName()),
        Objects.requireNonNullElse(namespace.getUid(), ""));
    log.debug("namespace {} removed", namespace.getName());
    return Outcome.REMOVED;
  }

  /** What is left in a namespace after one round of deletes. */
  private record Content(
      Map<String, Integer> remainingByResource,
      Map<String, Integer> remainingByFinalizer,
      List<String> failures) {

    int remaining() {
      return remainingByResource.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private Content deleteContent(String namespace) {
    Map<String, Integer> byResource = new TreeMap<>();
    Map<String, Integer> byFinalizer = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (NamespacedContent resource : contents.get()) {
      try {
        for (Unstructured object : resource.list(namespace)) {
          if (object.getDeletionTimestamp() != null || object.getName() == null) {
            continue;
          }
          try {
            resource.delete(namespace, object.getName());
          } catch (ApiException e) {
            if (e.code() != 404) {
              throw e;
            }
          }
        }
        List<Unstructured> left = resource.list(namespace);
        if (!left.isEmpty()) {
          String key = resource.resource().resource() + "." + resource.resource().group();
          byResource.put(key, left.size());
          for (Unstructured object : left) {
            object.getFinalizers().forEach(f -> byFinalizer.merge(f, 1, Integer::sum));
          }
        }
      } catch (RuntimeException e) {
        log.debug("deleting {} in namespace {} failed", resource.resource(), namespace, e);
        failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    return new Content(byResource, byFinalizer, failures);
  }

  /** Upstream's {@code namespaceConditionUpdater}: sets the five deletion conditions. */
  private boolean updateConditions(Unstructured namespace, Content content) {
    Map<String, String[]> problems = new TreeMap<>();
    if (!content.failures().isEmpty()) {
      List<String> sorted = content.failures().stream().sorted().toList();
      problems.put(
          "NamespaceDeletionContentFailure",
          new String[] {
            "ContentDeletionFailed",
            "Failed to delete all resource types, "
                + sorted.size()
                + " remaining: "
                + String.join(", ", sorted)
          });
    }
    if (!content.remainingByResource().isEmpty()) {
      List<String> parts = new ArrayList<>();
      content
          .remainingByResource()
          .forEach((r, n) -> parts.add(r + " has " + n + " resource instances"));
      problems.put(
          "NamespaceContentRemaining",
          new String[] {
            "SomeResourcesRemain",
            "Some resources are remaining: " + String.join(", ", parts.stream().sorted().toList())
          });
    }
    if (!content.remainingByFinalizer().isEmpty()) {
      List<String> parts = new ArrayList<>();
      content
          .remainingByFinalizer()
          .forEach((f, n) -> parts.add(f + " in " + n + " resource instances"));
      problems.put(
          "NamespaceFinalizersRemaining",
          new String[] {
            "SomeFinalizersRemain",
            "Some content in the namespace has finalizers remaining: "
                + String.join(", ", parts.stream().sorted().toList())
          });
    }
    ObjectNode status = Trees.objectForWrite(namespace, "status");
    ArrayNode conditions =
        status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    boolean changed = false;
    for (String type : CONDITION_TYPES) {
      String[] wanted = problems.get(type);
      String state = wanted == null ? "False" : "True";
      String[] reasonAndMessage = wanted == null ? OK_CONDITIONS.get(type) : wanted;
      ObjectNode old = condition(conditions, type);
      if (old == null) {
        ObjectNode added = conditions.addObject();
        added.put("type", type);
        added.put("status", state);
        added.put("lastTransitionTime", now);
        added.put("reason", reasonAndMessage[0]);
        added.put("message", reasonAndMessage[1]);
        changed = true;
      } else if (!Trees.string(old, "status").equals(state)
          || !Trees.string(old, "reason").equals(reasonAndMessage[0])
          || !Trees.string(old, "message").equals(reasonAndMessage[1])) {
        if (!Trees.string(old, "status").equals(state)) {
          old.put("lastTransitionTime", now);
        }
        old.put("status", state);
        old.put("reason", reasonAndMessage[0]);
        old.put("message", reasonAndMessage[1]);
        changed = true;
      }
    }
    return changed;
  }

  private static @Nullable ObjectNode condition(ArrayNode conditions, String type) {
    for (var element : conditions) {
      if (element instanceof ObjectNode o && Trees.string(o, "type").equals(type)) {
        return o;
      }
    }
    return null;
  }

  private static List<String> specFinalizers(Unstructured namespace) {
    return Trees.strings(Trees.object(namespace, "spec"), "finalizers");
  }
}
