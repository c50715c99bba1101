package io.kapi.pathrecorder;

import static io.kapi.pathrecorder.TestHandlers.exchange;
import static io.kapi.pathrecorder.TestHandlers.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.pathrecorder.PathRecorderMux.Match;
import io.kapi.pathrecorder.PathRecorderMux.Match.Kind;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PathRecorderMuxConcurrencyTest {
  private static final AttachmentKey<String> SERVED_BY = AttachmentKey.create(String.class);
  private static final int WRITERS = 2;
  private static final int READERS = 2;
  private static final int ROUNDS_PER_WRITER = 1_500;

  @Test
  void stablePathsResolveWhileOtherPathsAreRegisteredAndUnregistered() throws Exception {
    PathRecorderMux mux = new PathRecorderMux("concurrent");
    HttpHandler stableExact = serving("stableExact");
    HttpHandler stablePrefix = serving("stablePrefix");
    HttpHandler nestedExact = serving("nestedExact");
    HttpHandler notFound = serving("notFound");
    mux.handle("/stable", stableExact);
    mux.handlePrefix("/stable-prefix/", stablePrefix);
    mux.handle("/stable-prefix/exact", nestedExact);
    mux.notFoundHandler(notFound);
    List<String> stableListed = mux.listedPaths();

    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean writersDone = new AtomicBoolean();
    AtomicLong checks = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();

    for (int w = 0; w < WRITERS; w++) {
      int id = w;
      writers.add(
          thread(
              failure,
              start,
              () -> {
                for (int i = 0; i < ROUNDS_PER_WRITER; i++) {
                  // Neighbours of the stable paths: same hash table, same lengths, never a match
                  // for them.
                  String exact = "/stable-prefix/w" + id + "-" + i;
                  String prefix = "/stable-prefix/w" + id + "-" + i + "/";
                  String elsewhere = "/dynamic/w" + id + "/" + i + "/";
                  mux.handle(exact, named(exact));
                  mux.handlePrefix(prefix, named(prefix));
                  mux.unlistedHandlePrefix(elsewhere, named(elsewhere));
                  assertThat(mux.match(prefix + "x").pattern()).isEqualTo(prefix);
                  mux.unregister(exact);
                  mux.unregister(prefix);
                  mux.unregister(elsewhere);
                }
              }));
    }
    for (int r = 0; r < READERS; r++) {
      readers.add(
          thread(
              failure,
              start,
              () -> {
                while (!writersDone.get() && failure.get() == null) {
                  assertThat(mux.match("/stable"))
                      .isEqualTo(new Match(Kind.EXACT, "/stable", stableExact));
                  assertThat(mux.match("/stable-prefix/a/b").handler()).isSameAs(stablePrefix);
                  assertThat(mux.match("/stable-prefix/exact").handler()).isSameAs(nestedExact);
                  assertThat(mux.match("/stable/").handler()).isSameAs(notFound);
                  assertThat(served(mux, "/stable")).isEqualTo("stableExact");
                  // Writer 0 registers and removes /stable-prefix/w0-1/ (a non-recording handler):
                  // either
                  // snapshot is a correct answer, anything else is not.
                  assertThat(served(mux, "/stable-prefix/w0-1/x/y")).isIn("stablePrefix", null);
                  assertThat(served(mux, "/stable-prefix/exact")).isEqualTo("nestedExact");
                  assertThat(served(mux, "/stable-prefix")).isEqualTo("notFound");
                  checks.incrementAndGet();
                }
              }));
    }

    writers.forEach(Thread::start);
    readers.forEach(Thread::start);
    start.countDown();
    for (Thread t : writers) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    writersDone.set(true);
    for (Thread t : readers) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertThat(failure.get()).as("failure in a worker thread").isNull();
    assertThat(writers).noneMatch(Thread::isAlive);
    assertThat(readers).noneMatch(Thread::isAlive);
    assertThat(checks.get()).isPositive();
    assertThat(mux.listedPaths()).isEqualTo(stableListed);
    assertThat(mux.match("/dynamic/w0/0/x").handler()).isSameAs(notFound);
  }

  /** A handler that records its name on the exchange. */
  private static HttpHandler serving(String name) {
    return exchange -> exchange.putAttachment(SERVED_BY, name);
  }

  private static String served(PathRecorderMux mux, String path) throws Exception {
    HttpServerExchange exchange = exchange(path);
    mux.handleRequest(exchange);
    return exchange.getAttachment(SERVED_BY);
  }

  private static Thread thread(
      AtomicReference<Throwable> failure, CountDownLatch start, Work work) {
    Thread t =
        new Thread(
            () -> {
              try {
                start.await();
                work.run();
              } catch (Throwable e) {
                failure.compareAndSet(null, e);
              }
            });
    t.setDaemon(true);
    return t;
  }

  private interface Work {
    void run() throws Exception;
  }
}
