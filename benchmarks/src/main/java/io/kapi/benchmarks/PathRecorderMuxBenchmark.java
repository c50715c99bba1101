package io.kapi.benchmarks;

import io.kapi.pathrecorder.PathRecorderMux;
import io.undertow.server.HttpHandler;
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

/**
 * Measures {@link PathRecorderMux#match(String)}, the routing decision every request makes in every
 * server of a delegation chain. Targets: exact hit at most 50 ns, prefix hit among 1,000 prefixes
 * at most 250 ns.
 *
 * <p>Each invocation routes a fresh copy of its path, as a server does for each request (Undertow
 * builds a new path string per request, so its cached {@link String#hashCode()} is never warm);
 * {@link #baselinePathCopy} measures that copy alone, to subtract from the other results.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PathRecorderMux}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PathRecorderMuxBenchmark {
  private static final HttpHandler HANDLER = exchange -> {};

  private final PathRecorderMux tenPrefixes = muxWithGroups(5);
  private final PathRecorderMux thousandPrefixes = muxWithGroups(500);

  private char[] exactPath = new char[0];
  private char[] prefixPathAmong10 = new char[0];
  private char[] prefixPathAmong1000 = new char[0];
  private char[] missPath = new char[0];

  /** Chooses paths, and checks that each one routes the way its benchmark name says. */
  @Setup
  public void setUp() {
    exactPath = "/openapi/v2".toCharArray();
    prefixPathAmong10 = "/apis/g3.example.com/v1/namespaces/default/foos/bar".toCharArray();
    prefixPathAmong1000 = "/apis/g317.example.com/v1/namespaces/default/foos/bar".toCharArray();
    missPath = "/apis/unknown.example.com/v1/namespaces/default/foos/bar".toCharArray();
    expect(
        thousandPrefixes.match(new String(exactPath)),
        PathRecorderMux.Match.Kind.EXACT,
        "/openapi/v2");
    expect(
        tenPrefixes.match(new String(prefixPathAmong10)),
        PathRecorderMux.Match.Kind.PREFIX,
        "/apis/g3.example.com/v1/");
    expect(
        thousandPrefixes.match(new String(prefixPathAmong1000)),
        PathRecorderMux.Match.Kind.PREFIX,
        "/apis/g317.example.com/v1/");
    expect(thousandPrefixes.match(new String(missPath)), PathRecorderMux.Match.Kind.NOT_FOUND, "");
  }

  /** An exact path in a mux that also holds 1,000 prefixes. */
  @Benchmark
  public PathRecorderMux.Match exactHit() {
    return thousandPrefixes.match(new String(exactPath));
  }

  /** A request below the most specific of 10 prefixes. */
  @Benchmark
  public PathRecorderMux.Match prefixHitAmong10() {
    return tenPrefixes.match(new String(prefixPathAmong10));
  }

  /** A request below the most specific of 1,000 prefixes. */
  @Benchmark
  public PathRecorderMux.Match prefixHitAmong1000() {
    return thousandPrefixes.match(new String(prefixPathAmong1000));
  }

  /** A request that matches nothing among 1,000 prefixes and falls to the not-found handler. */
  @Benchmark
  public PathRecorderMux.Match miss() {
    return thousandPrefixes.match(new String(missPath));
  }

  /** The cost of creating the fresh request path alone (the longest path above). */
  @Benchmark
  public String baselinePathCopy() {
    return new String(missPath);
  }

  /**
   * A mux shaped like an aggregated server's: a few exact paths plus, per API group, a group prefix
   * and a group-version prefix ({@code 2 * groups} prefixes).
   */
  private static PathRecorderMux muxWithGroups(int groups) {
    PathRecorderMux mux = new PathRecorderMux("benchmark");
    for (String path :
        new String[] {
          "/", "/api", "/apis", "/healthz", "/livez", "/readyz", "/version", "/openapi/v2"
        }) {
      mux.handle(path, HANDLER);
    }
    for (int i = 0; i < groups; i++) {
      mux.handlePrefix("/apis/g" + i + ".example.com/", HANDLER);
      mux.handlePrefix("/apis/g" + i + ".example.com/v1/", HANDLER);
    }
    return mux;
  }

  private static void expect(
      PathRecorderMux.Match match, PathRecorderMux.Match.Kind kind, String pattern) {
    if (match.kind() != kind || !match.pattern().equals(pattern)) {
      throw new IllegalStateException("benchmark setup routes wrongly: " + match);
    }
  }
}
