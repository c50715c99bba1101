package io.kapi.server.core.v1;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WatchParams;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.CachedObject;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import io.kapi.server.storage.cache.WatchCacheEvent;
import io.kapi.server.storage.cache.WatchCloseReason;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace controller at work over the namespaces {@link Store}: it watches the store (as
 * kube-controller-manager's informer does) and hands every namespace with a deletion timestamp to a
 * {@link NamespaceController}, which empties it through the given content and then removes it.
 * Runs on one daemon thread of its own until {@link #close()}; a watch the cache ends is started
 * again. Thread-safe.
 *
 * <pre>{@code
 * NamespaceDeletion deletion = NamespaceDeletion.start(
 *     namespacesStore, NamespacedContent.ofStores(installer::stores), Clock.systemUTC(),
 *     Duration.ofSeconds(1));
 * // ... DELETE /api/v1/namespaces/team-a now empties and removes team-a
 * deletion.close();
 * }</pre>
 */
public final class NamespaceDeletion implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NamespaceDeletion.class);

  private final Store namespaces;
  private final Duration retryDelay;
  private final ScheduledThreadPoolExecutor executor;
  private final NamespaceController controller;
  private final Object lock = new Object();
  private @Nullable CacheWatch<Unstructured> watch;
  private boolean closed;

  private NamespaceDeletion(
      Store namespaces,
      Supplier<? extends Collection<? extends NamespacedContent>> contents,
      Clock clock,
      Duration retryDelay) {
    this.namespaces = namespaces;
    this.retryDelay = retryDelay;
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "namespace-controller");
              t.setDaemon(true);
              return t;
            });
    this.executor.setRemoveOnCancelPolicy(true);
    NamespaceFinalizer finalizer =
        new NamespaceFinalizer(NamespaceAccess.of(namespaces), contents, clock);
    this.controller = new NamespaceController(finalizer, executor, retryDelay);
  }

  /**
   * Starts watching {@code namespaces} (the cluster-scoped namespaces store) and deleting the
   * content of terminating namespaces through {@code contents} (asked anew on every pass), retrying
   * a namespace whose content is not gone yet {@code retryDelay} later. Namespaces already
   * terminating are taken up at once.
   *
   * @throws IllegalArgumentException if the store's resource is namespaced or the delay negative
   */
  public static NamespaceDeletion start(
      Store namespaces,
      Supplier<? extends Collection<? extends NamespacedContent>> contents,
      Clock clock,
      Duration retryDelay) {
    checkNotNull(namespaces, "namespaces");
    checkNotNull(contents, "contents");
    checkNotNull(clock, "clock");
    checkNotNull(retryDelay, "retryDelay");
    checkArgument(
        !namespaces.resource().namespaced(),
        "%s is not cluster-scoped",
        namespaces.resource().plural());
    checkArgument(!retryDelay.isNegative(), "retryDelay must not be negative: %s", retryDelay);
    NamespaceDeletion deletion = new NamespaceDeletion(namespaces, contents, clock, retryDelay);
    deletion.executor.execute(deletion::startWatch);
    return deletion;
  }

  /** Syncs namespace {@code name} soon, as a watch event of it would. */
  public void enqueue(String name) {
    checkNotNull(name, "name");
    controller.enqueue(name);
  }

  private void startWatch() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      try {
        watch = namespaces.watch("", WatchParams.all(), new Consumer());
      } catch (RuntimeException e) {
        log.warn("watching namespaces failed; retrying in {}", retryDelay, e);
        schedule(this::startWatch, retryDelay.toMillis());
      }
    }
  }

  /** Takes every buffered event; runs on the controller thread only. */
  private void drain() {
    CacheWatch<Unstructured> current;
    synchronized (lock) {
      current = watch;
    }
    if (current == null) {
      return;
    }
    WatchCacheEvent<Unstructured> event;
    while ((event = current.poll()) != null) {
      CachedObject<Unstructured> object = event.object();
      boolean change =
          event.type() == WatchCacheEvent.Type.ADDED
              || event.type() == WatchCacheEvent.Type.MODIFIED;
      if (change && object != null && object.object().getDeletionTimestamp() != null) {
        String name = object.object().getName();
        if (name != null) {
          controller.enqueue(name);
        }
      }
    }
    if (current.isClosed()) {
      rewatch(current);
    }
  }

  private void rewatch(CacheWatch<Unstructured> ended) {
    synchronized (lock) {
      if (closed || watch != ended) {
        return;
      }
      watch = null;
    }
    log.debug("namespace watch ended ({}); watching again", ended.closeReason());
    schedule(this::startWatch, retryDelay.toMillis());
  }

  private void schedule(Runnable task, long delayMillis) {
    try {
      executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("namespace controller stopped; task dropped");
    }
  }

  /** Stops the watch and the controller thread; syncs under way are interrupted. Idempotent. */
  @Override
  public void close() {
    CacheWatch<Unstructured> current;
    synchronized (lock) {
      closed = true;
      current = watch;
      watch = null;
    }
    if (current != null) {
      current.close();
    }
    executor.shutdownNow();
  }

  /** Signals from the watch cache: work moves to the controller thread. */
  private final class Consumer implements WatchCacheConsumer {
    @Override
    public void onEventsAvailable() {
      schedule(NamespaceDeletion.this::drain, 0);
    }

    @Override
    public void onClosed(WatchCloseReason reason) {
      schedule(NamespaceDeletion.this::drain, 0);
    }
  }
}
