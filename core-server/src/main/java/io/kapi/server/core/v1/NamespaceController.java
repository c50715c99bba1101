package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link NamespaceFinalizer#sync} for namespaces being deleted until each is gone, as
 * kube-controller-manager's namespace controller does: enqueue a namespace when its DELETE marked
 * it {@code Terminating} (and at start for every namespace already terminating); while content
 * remains or a sync fails it is retried after the retry delay. A namespace is synced by one task at
 * a time. Thread-safe.
 *
 * <pre>{@code
 * NamespaceController controller =
 *     new NamespaceController(finalizer, executor, Duration.ofSeconds(1));
 * Unstructured answer = finalizer.delete("team-a");
 * controller.enqueue("team-a");
 * }</pre>
 */
public final class NamespaceController {
  private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

  private final NamespaceFinalizer finalizer;
  private final ScheduledExecutorService executor;
  private final Duration retryDelay;
  private final Set<String> queued = ConcurrentHashMap.newKeySet();
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();

  /**
   * A controller running syncs on {@code executor} (owned by the caller, who shuts it down), a
   * namespace with content left being synced again {@code retryDelay} later.
   */
  public NamespaceController(
      NamespaceFinalizer finalizer, ScheduledExecutorService executor, Duration retryDelay) {
    this.finalizer = checkNotNull(finalizer, "finalizer");
    this.executor = checkNotNull(executor, "executor");
    this.retryDelay = checkNotNull(retryDelay, "retryDelay");
    checkArgument(!retryDelay.isNegative(), "retryDelay must not be negative: %s", retryDelay);
  }

  /**
   * Syncs namespace {@code name} soon. If a sync of it is already queued or running, it runs once
   * more afterwards instead of twice at the same time.
   */
  public void enqueue(String name) {
    checkNotNull(name, "name");
    dirty.add(name);
    schedule(name, 0);
  }

  private void schedule(String name, long delayMillis) {
    if (!queued.add(name)) {
      return;
    }
    try {
      executor.schedule(() -> run(name), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      queued.remove(name);
      log.debug("namespace {} not synced: the executor is shut down", name);
    }
  }

  private void run(String name) {
    dirty.remove(name);
    boolean retry;
    try {
      NamespaceFinalizer.Outcome outcome = finalizer.sync(name);
      log.debug("namespace {} synced: {}", name, outcome);
      retry = outcome == NamespaceFinalizer.Outcome.CONTENT_REMAINING;
    } catch (RuntimeException e) {
      log.warn("syncing namespace {} failed; retrying in {}", name, retryDelay, e);
      retry = true;
    }
    queued.remove(name);
    if (retry) {
      schedule(name, retryDelay.toMillis());
    } else if (dirty.contains(name)) {
      schedule(name, 0);
    }
  }
}
