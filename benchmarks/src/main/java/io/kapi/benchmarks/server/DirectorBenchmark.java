package io.kapi.benchmarks.server;

import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import io.kapi.server.DelegationTarget;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one routing decision of a server's director (no filters, no I/O): a path claimed by
 * a WebService among 40 (container route selection included), and a path that goes to the
 * non-go-restful mux's {@code /apis/} prefix. Handlers are no-ops that count calls.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DirectorBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DirectorBenchmark {
  private HttpHandler director;
  private HttpServerExchange exchange;
  private Blackhole sink;

  @Setup
  public void setUp(Blackhole blackhole) {
    sink = blackhole;
    GenericApiServer server =
        GenericApiServer.builder("kube-apiserver", ServerConfig.defaults(() -> "127.0.0.1:6443"))
            .delegate(DelegationTarget.withHandler(ex -> sink.consume(ex)))
            .build();
    HttpHandler noop = ex -> sink.consume(ex);
    for (int i = 0; i < 38; i++) {
      server.installWebService(webService("/apis/group" + i + ".example.com/v1"));
    }
    server.installWebService(webService("/api/v1"));
    server.installWebService(webService("/api"));
    server.handler().nonGoRestfulMux().handlePrefix("/apis/", noop);
    director = server.unprotectedHandler();
    exchange = new HttpServerExchange(null);
    exchange.setRequestMethod(HttpString.tryFromString("GET"));
  }

  private WebService webService(String root) {
    WebService.Builder ws = WebService.builder(root);
    for (String resource : new String[] {"pods", "services", "configmaps", "secrets"}) {
      ws.route(
          Route.builder("GET", "/namespaces/{namespace}/" + resource)
              .produces("application/json")
              .to(r -> sink.consume(r))
              .build());
      ws.route(
          Route.builder("GET", "/namespaces/{namespace}/" + resource + "/{name}")
              .produces("application/json")
              .to(r -> sink.consume(r))
              .build());
    }
    return ws.build();
  }

  private void route(String path) throws Exception {
    exchange.setRequestPath(path);
    exchange.setRelativePath(path);
    exchange.setRequestURI(path);
    director.handleRequest(exchange);
  }

  @Benchmark
  public void goRestfulRoute() throws Exception {
    route("/api/v1/namespaces/default/pods");
  }

  @Benchmark
  public void goRestfulRouteLastWebService() throws Exception {
    route("/apis/group37.example.com/v1/namespaces/default/secrets/s1");
  }

  @Benchmark
  public void nonGoRestfulPrefix() throws Exception {
    route("/apis/crd.projectcalico.org/v1/ippools");
  }
}
