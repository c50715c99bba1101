package io.kapi.server.endpoints;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import io.kapi.server.storage.cache.WatchCacheEvent;
import io.kapi.server.storage.cache.WatchCloseReason;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.server.protocol.http.HttpServerConnection;
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
import org.xnio.conduits.ConduitStreamSourceChannel;

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
 *
 * <p>A client that goes away releases the watch at once, without waiting for an event to fail to
 * write (upstream cancels the request context): over HTTP/1.1 the idle connection is read to see
 * its end of stream; over HTTP/2 a reset stream wakes the response channel's write listener,
 * which finds the channel closed; a connection that closes ends its exchanges through its close
 * listener. Each way ends the exchange, so its completion listeners (metrics, graceful shutdown)
 * run.
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
    // The close listener stays registered as long as the connection lives (Undertow cannot remove
    // one), so it holds this stream only until the exchange completes.
    ConnectionCloseListener closeListener = new ConnectionCloseListener(this);
    exchange.addExchangeCompleteListener(
        (ex, next) -> {
          closeListener.forget();
          cacheWatch.close();
          next.proceed();
        });
    exchange.getConnection().addCloseListener(closeListener);
    ioThread.execute(
        () -> {
          if (ended) {
            return;
          }
          exchange.setStatusCode(200);
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          StreamSinkChannel ch = exchange.getResponseChannel();
          if (ch == null) {
            cacheWatch.close();
            return;
          }
          channel = ch;
          // Always listening: an HTTP/2 stream reset by the client wakes the write listener.
          ch.getWriteSetter().set(c -> pump());
          watchForEndOfStream();
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
    if (!ch.isOpen() || !exchange.getConnection().isOpen()) {
      clientGone("its stream or connection was closed");
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
    ch.resumeWrites();
  }

  /**
   * Over HTTP/1.1 reads the connection while the watch runs, since nothing else does: its end of
   * stream (or a read error) means the client went away. Bytes a client sends anyway (a pipelined
   * request) are pushed back for Undertow to parse after this exchange, and reading stops. Over
   * HTTP/2 the connection reads frames itself (I/O thread).
   */
  private void watchForEndOfStream() {
    if (!(exchange.getConnection() instanceof HttpServerConnection connection)
        || connection.getExtraBytes() != null) {
      return;
    }
    ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
    source.setReadListener(c -> readIdleConnection(connection, c));
    source.resumeReads();
  }

  private void readIdleConnection(HttpServerConnection connection, ConduitStreamSourceChannel source) {
    if (ended) {
      source.suspendReads();
      return;
    }
    PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
    boolean keep = false;
    try {
      int read = source.read(pooled.getBuffer());
      if (read > 0) {
        source.suspendReads();
        source.setReadListener(null);
        pooled.getBuffer().flip();
        connection.ungetRequestBytes(pooled);
        keep = true;
      } else if (read < 0) {
        clientGone("the client closed its connection");
      }
    } catch (IOException e) {
      clientGone(e.toString());
    } finally {
      if (!keep) {
        pooled.close();
      }
    }
  }

  /** Releases the watch of a client that went away: closes the connection and ends the exchange. */
  private void clientGone(String why) {
    if (ended) {
      return;
    }
    log.debug("watch {} released: {}", exchange.getRequestURI(), why);
    abort();
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
    stop();
    stopReading();
    exchange.endExchange();
  }

  /**
   * Marks the stream ended and stops its timers, its watch and its write listener; returns the
   * response channel, if opened.
   */
  private @Nullable StreamSinkChannel stop() {
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
    return ch;
  }

  /** Hands the HTTP/1.1 connection's reads back (Undertow resumes them for the next request). */
  private void stopReading() {
    if (exchange.getConnection() instanceof HttpServerConnection connection
        && connection.getExtraBytes() == null) {
      ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
      source.suspendReads();
      source.setReadListener(null);
    }
  }

  /**
   * Closes the connection (over HTTP/2: resets the stream) and ends the exchange, which then
   * completes without writing (I/O thread).
   */
  private void abort() {
    if (ended && exchange.isComplete()) {
      return;
    }
    StreamSinkChannel ch = stop();
    if (ch != null) {
      ch.suspendWrites();
    }
    IoUtils.safeClose(exchange.getConnection());
    exchange.endExchange();
  }

  /** Called from any thread when the connection (or, over HTTP/2, the whole connection) closes. */
  private void connectionClosed() {
    ioThread.execute(() -> clientGone("the connection closed"));
  }

  /**
   * The stream's connection close listener; it lets go of the stream once the exchange completes,
   * since a long-lived connection keeps its close listeners until it closes.
   */
  private static final class ConnectionCloseListener implements ServerConnection.CloseListener {
    private volatile @Nullable HttpWatchStream stream;

    ConnectionCloseListener(HttpWatchStream stream) {
      this.stream = stream;
    }

    void forget() {
      stream = null;
    }

    @Override
    public void closed(ServerConnection connection) {
      HttpWatchStream s = stream;
      if (s != null) {
        s.connectionClosed();
      }
    }
  }

  private void cancelTimers() {
    for (XnioExecutor.Key key : timers) {
      key.remove();
    }
    timers.clear();
  }
}
