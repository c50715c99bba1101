package io.kapi.server.endpoints;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.WatchParams;
import io.kapi.server.responses.Responses;
import io.kapi.server.storage.cache.CacheWatch;
import io.kapi.server.storage.cache.WatchCacheConsumer;
import io.kapi.server.storage.cache.WatchCacheEvent;
import io.kapi.server.storage.cache.WatchCloseReason;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Watches over WebSocket, as upstream serves them to clients that ask for an upgrade (the fabric8
 * client tries this first): the same JSON events as the chunked stream, one text frame each, sent
 * one at a time as the connection drains (so a slow client holds back only its own watch), and a
 * normal close frame at the deadline or when the cache ends the watch.
 */
final class WebSocketWatch {
  private static final Logger log = LoggerFactory.getLogger(WebSocketWatch.class);

  /** Whether the request asks for a WebSocket upgrade. */
  static boolean isUpgrade(HttpServerExchange exchange) {
    String upgrade = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
    if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) {
      return false;
    }
    HeaderValues connection = exchange.getRequestHeaders().get(Headers.CONNECTION);
    if (connection == null) {
      return false;
    }
    for (String value : connection) {
      for (String token : value.split(",")) {
        if (token.trim().toLowerCase(Locale.ROOT).equals("upgrade")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Registers the watch, then upgrades the connection and streams the events as text frames. */
  void start(
      HttpServerExchange exchange,
      Store store,
      String namespace,
      WatchParams params,
      EventEncoder encoder,
      long timeoutMillis) {
    Session session = new Session(encoder, timeoutMillis, params.allowBookmarks());
    CacheWatch<Unstructured> watch = store.watch(namespace, params, session);
    session.watch = watch;
    if (!Responses.claim(exchange)) {
      watch.close();
      return;
    }
    exchange.addExchangeCompleteListener(
        (ex, next) -> {
          if (!ex.isUpgrade() && !session.connected.get()) {
            watch.close(); // the handshake failed
          }
          next.proceed();
        });
    exchange.getConnection().addCloseListener(connection -> watch.close());
    WebSocketProtocolHandshakeHandler handshake =
        new WebSocketProtocolHandshakeHandler(
            (WebSocketConnectionCallback) (wsExchange, channel) -> session.connect(channel));
    exchange
        .getIoThread()
        .execute(
            () -> {
              try {
                handshake.handleRequest(exchange);
              } catch (Exception e) {
                log.debug("websocket handshake failed: {}", e.toString());
                watch.close();
                IoUtils.safeClose(exchange.getConnection());
              }
            });
  }

  /** One WebSocket watch: consumer of the cache watch, writer of frames. */
  private static final class Session implements WatchCacheConsumer {
    private final EventEncoder encoder;
    private final long timeoutMillis;
    private final boolean bookmarks;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    final AtomicBoolean connected = new AtomicBoolean();
    volatile @Nullable CacheWatch<Unstructured> watch;
    private volatile @Nullable WebSocketChannel channel;
    private volatile @Nullable XnioIoThread ioThread;
    private volatile boolean finished;

    // I/O thread only
    private boolean sending;
    private XnioExecutor.@Nullable Key deadline;
    private XnioExecutor.@Nullable Key bookmark;

    Session(EventEncoder encoder, long timeoutMillis, boolean bookmarks) {
      this.encoder = encoder;
      this.timeoutMillis = timeoutMillis;
      this.bookmarks = bookmarks;
    }

    void connect(WebSocketChannel ws) {
      CacheWatch<Unstructured> w = watch;
      if (w == null) {
        IoUtils.safeClose(ws);
        return;
      }
      channel = ws;
      XnioIoThread thread = ws.getIoThread();
      ioThread = thread;
      connected.set(true);
      ws.addCloseTask(c -> closed());
      ws.getReceiveSetter()
          .set(
              new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel c, BufferedTextMessage message) {
                  // clients send nothing meaningful on a watch
                }

                @Override
                protected void onCloseMessage(CloseMessage message, WebSocketChannel c) {
                  finish();
                }
              });
      ws.resumeReceives();
      deadline = thread.executeAfter(this::finish, timeoutMillis, TimeUnit.MILLISECONDS);
      if (bookmarks && timeoutMillis > 2_000) {
        bookmark =
            thread.executeAfter(w::requestBookmark, timeoutMillis - 2_000, TimeUnit.MILLISECONDS);
      }
      pump();
    }

    @Override
    public void onEventsAvailable() {
      schedule();
    }

    @Override
    public void onClosed(WatchCloseReason reason) {
      XnioIoThread thread = ioThread;
      if (thread != null) {
        thread.execute(this::finish);
      }
    }

    private void schedule() {
      XnioIoThread thread = ioThread;
      if (thread == null || finished) {
        return; // not connected yet: connect() pumps
      }
      if (scheduled.compareAndSet(false, true)) {
        thread.execute(
            () -> {
              scheduled.set(false);
              pump();
            });
      }
    }

    /** Sends the next event unless one is in flight; the send's completion sends the next. */
    private void pump() {
      WebSocketChannel ws = channel;
      CacheWatch<Unstructured> w = watch;
      if (finished || sending || ws == null || w == null) {
        return;
      }
      WatchCacheEvent<Unstructured> event = w.poll();
      if (event == null) {
        if (w.isClosed()) {
          finish();
        }
        return;
      }
      boolean last = event.type() == WatchCacheEvent.Type.ERROR;
      sending = true;
      WebSockets.sendText(
          ByteBuffer.wrap(encoder.encode(event)),
          ws,
          new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel c, Void context) {
              c.getIoThread()
                  .execute(
                      () -> {
                        sending = false;
                        if (last) {
                          finish();
                        } else {
                          pump();
                        }
                      });
            }

            @Override
            public void onError(WebSocketChannel c, Void context, Throwable throwable) {
              log.debug("websocket watch write failed: {}", throwable.toString());
              abort();
            }
          });
    }

    /** Ends with a normal close frame. */
    private void finish() {
      if (finished) {
        return;
      }
      finished = true;
      cancelTimers();
      CacheWatch<Unstructured> w = watch;
      if (w != null) {
        w.close();
      }
      WebSocketChannel ws = channel;
      if (ws != null) {
        WebSockets.sendClose(
            CloseMessage.NORMAL_CLOSURE,
            "",
            ws,
            new WebSocketCallback<Void>() {
              @Override
              public void complete(WebSocketChannel c, Void context) {
                IoUtils.safeClose(c);
              }

              @Override
              public void onError(WebSocketChannel c, Void context, Throwable throwable) {
                IoUtils.safeClose(c);
              }
            });
      }
    }

    /**
     * The WebSocket closed (the client went away, or after the close frame): releases the watch
     * and its timers at once rather than at the deadline (I/O thread).
     */
    private void closed() {
      finished = true;
      cancelTimers();
      CacheWatch<Unstructured> w = watch;
      if (w != null) {
        w.close();
      }
    }

    private void cancelTimers() {
      XnioExecutor.Key key = deadline;
      if (key != null) {
        key.remove();
        deadline = null;
      }
      key = bookmark;
      if (key != null) {
        key.remove();
        bookmark = null;
      }
    }

    private void abort() {
      finished = true;
      CacheWatch<Unstructured> w = watch;
      if (w != null) {
        w.close();
      }
      IoUtils.safeClose(channel);
    }
  }
}
