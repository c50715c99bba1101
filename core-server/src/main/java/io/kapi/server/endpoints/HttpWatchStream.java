package io.kapi.server.endpoints;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import io.kapi.server.storage.cache.WatchCacheEvent;
import io.kapi.server.storage.cache.WatchCloseReason;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;

/**
 * One watch answered as a chunked HTTP stream without holding a thread: the watch cache signals
 * new events, the connection's I/O thread polls and writes them with non-blocking writes, and
 * when the socket is full it waits for the channel to become writable again. Each event is one
 * JSON line; the stream is flushed whenever the watcher has caught up.
 *
 * <p>The response ends cleanly (the event being written is completed, then the terminating chunk)
 * at the deadline, after an ERROR event, or when the cache closes the watcher — for a client too
 * slow to keep up, which then re-lists. A client that stops reading altogether while the last
 * event is being written is disconnected after {@link #END_GRACE_MILLIS}.
 */
final class HttpWatchStream implements WatchCacheConsumer {
  static final long END_GRACE_MILLIS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(HttpWatchStream.class);

  private final HttpServerExchange exchange;
  private final XnioIoThread ioThread;
  private final EventEncoder encoder;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  private volatile @Nullable CacheWatch<Unstructured> watch;
  private volatile boolean closing;

  // I/O thread only
  private @Nullable StreamSinkChannel channel;
  private @Nullable ByteBuffer pending;
  private boolean endAfterPending;
  private boolean ended;
  private final List<XnioExecutor.Key> timers = new ArrayList<>(3);

  HttpWatchStream(HttpServerExchange exchange, EventEncoder encoder) {
    this.exchange = exchange;
    this.ioThread = exchange.getIoThread();
    this.encoder = encoder;
  }

  /**
   * Starts streaming {@code cacheWatch} (call once, from any thread, after the response was
   * claimed): sends the headers and the events so far, and arms the deadline.
   */
  void start(CacheWatch<Unstructured> cacheWatch, long timeoutMillis, boolean bookmarkBeforeDeadline) {
    this.watch = cacheWatch;
    exchange.addExchangeCompleteListener(
        (ex, next) -> {
          cacheWatch.close();
          next.proceed();
        });
    exchange.getConnection().addCloseListener(connection -> cacheWatch.close());
    ioThread.execute(
        () -> {
          exchange.setStatusCode(200);
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          channel = exchange.getResponseChannel();
          if (channel == null) {
            cacheWatch.close();
            return;
          }
          timers.add(ioThread.executeAfter(this::finish, timeoutMillis, TimeUnit.MILLISECONDS));
          if (bookmarkBeforeDeadline && timeoutMillis > 2_000) {
            timers.add(
                ioThread.executeAfter(
                    cacheWatch::requestBookmark, timeoutMillis - 2_000, TimeUnit.MILLISECONDS));
          }
          pump();
        });
  }

  @Override
  public void onEventsAvailable() {
    if (closing) {
      return;
    }
    if (scheduled.compareAndSet(false, true)) {
      ioThread.execute(
          () -> {
            scheduled.set(false);
            pump();
          });
    }
  }

  @Override
  public void onClosed(WatchCloseReason reason) {
    log.debug("watch {} closed by the cache: {}", exchange.getRequestURI(), reason);
    ioThread.execute(this::finish);
  }

  /** Writes what is pending and what the watch has, until caught up or the socket is full. */
  private void pump() {
    StreamSinkChannel ch = channel;
    CacheWatch<Unstructured> w = watch;
    if (ended || ch == null || w == null) {
      return;
    }
    try {
      while (true) {
        ByteBuffer buffer = pending;
        if (buffer != null) {
          ch.write(buffer);
          if (buffer.hasRemaining()) {
            waitWritable(ch);
            return;
          }
          pending = null;
        }
        if (closing || endAfterPending) {
          end();
          return;
        }
        WatchCacheEvent<Unstructured> event = w.poll();
        if (event == null) {
          if (!ch.flush()) {
            waitWritable(ch);
            return;
          }
          ch.suspendWrites();
          if (w.isClosed()) {
            end();
          }
          return;
        }
        pending = ByteBuffer.wrap(encoder.encode(event));
        endAfterPending = event.type() == WatchCacheEvent.Type.ERROR;
      }
    } catch (IOException | RuntimeException e) {
      log.debug("watch {} failed: {}", exchange.getRequestURI(), e.toString());
      abort();
    }
  }

  private void waitWritable(StreamSinkChannel ch) {
    ch.getWriteSetter().set(c -> pump());
    ch.resumeWrites();
  }

  /** Asks the stream to end: after the event being written, if any (I/O thread). */
  private void finish() {
    if (closing || ended) {
      return;
    }
    closing = true;
    cancelTimers();
    CacheWatch<Unstructured> w = watch;
    if (w != null) {
      w.close();
    }
    StreamSinkChannel ch = channel;
    ByteBuffer buffer = pending;
    if (ch == null || buffer == null || !buffer.hasRemaining()) {
      end();
      return;
    }
    timers.add(ioThread.executeAfter(this::abort, END_GRACE_MILLIS, TimeUnit.MILLISECONDS));
    waitWritable(ch);
  }

  /** Ends the response; Undertow writes the terminating chunk. */
  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    closing = true;
    cancelTimers();
    CacheWatch<Unstructured> w = watch;
    if (w != null) {
      w.close();
    }
    StreamSinkChannel ch = channel;
    if (ch != null) {
      ch.getWriteSetter().set(null);
    }
    exchange.endExchange();
  }

  private void abort() {
    ended = true;
    closing = true;
    cancelTimers();
    CacheWatch<Unstructured> w = watch;
    if (w != null) {
      w.close();
    }
    IoUtils.safeClose(exchange.getConnection());
  }

  private void cancelTimers() {
    for (XnioExecutor.Key key : timers) {
      key.remove();
    }
    timers.clear();
  }
}
