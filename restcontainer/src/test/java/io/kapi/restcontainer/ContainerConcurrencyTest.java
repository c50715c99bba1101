package io.kapi.restcontainer;

import static io.kapi.restcontainer.TestExchanges.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Adding and removing web services while other threads serve requests. */
class ContainerConcurrencyTest {

  private static final int READERS = 3;
  private static final int WRITER_ROUNDS = 2_000;

  @Test
  void addAndRemoveWhileServing() throws Exception {
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger stableServed = new AtomicInteger();
    AtomicInteger transientServed = new AtomicInteger();
    AtomicInteger transientNotFound = new AtomicInteger();
    Container container =
        new Container(
            (exchange, error) -> {
              if (exchange.getRequestPath().startsWith("/apis/transient")
                  && error.kind() == RouteError.Kind.NOT_FOUND) {
                transientNotFound.incrementAndGet();
              } else {
                failures.add(exchange.getRequestPath() + " -> " + error);
              }
            });
    container.add(
        WebService.builder("/api/v1")
            .route(
                Route.builder("GET", "/pods/{name}")
                    .to(
                        request -> {
                          if (!request.pathParameter("name").equals("p")) {
                            failures.add("wrong parameter " + request.pathParameters());
                          }
                          stableServed.incrementAndGet();
                        })
                    .build())
            .build());
    WebService transientService =
        WebService.builder("/apis/transient/v1")
            .route(Route.builder("GET", "/things").to(request -> transientServed.incrementAndGet()).build())
            .build();

    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
    try {
      List<Future<?>> readers = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        readers.add(
            pool.submit(
                () -> {
                  start.await();
                  int rounds = 0;
                  while (writing.get() || rounds < 100) {
                    container.handleRequest(request("GET", "/api/v1/pods/p"));
                    container.handleRequest(request("GET", "/apis/transient/v1/things"));
                    rounds++;
                  }
                  return null;
                }));
      }
      Future<?> writer =
          pool.submit(
              () -> {
                start.await();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                for (int round = 0;
                    round < WRITER_ROUNDS
                        || ((transientServed.get() == 0 || transientNotFound.get() == 0)
                            && System.nanoTime() < deadline);
                    round++) {
                  container.add(transientService);
                  if (!container.remove("/apis/transient/v1")) {
                    failures.add("remove returned false in round " + round);
                  }
                }
                writing.set(false);
                return null;
              });
      start.countDown();
      writer.get(30, TimeUnit.SECONDS);
      for (Future<?> reader : readers) {
        reader.get(30, TimeUnit.SECONDS);
      }
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }

    assertThat(failures).isEmpty();
    assertThat(container.webServices()).extracting(WebService::rootPath).containsExactly("/api/v1");
    assertThat(stableServed.get()).isGreaterThanOrEqualTo(READERS * 100);
    assertThat(transientServed.get()).as("served while registered").isPositive();
    assertThat(transientNotFound.get()).as("404 while removed").isPositive();
    assertThat(transientServed.get() + transientNotFound.get()).isEqualTo(stableServed.get());
  }
}
