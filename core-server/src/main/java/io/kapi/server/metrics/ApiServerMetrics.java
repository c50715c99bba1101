package io.kapi.server.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.server.request.RequestContext;
import io.kapi.server.request.RequestInfo;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Locale;
import java.util.Set;

/**
 * kube-apiserver's request metrics ({@code AS/pkg/endpoints/metrics/metrics.go}) in a Prometheus
 * {@link PrometheusRegistry}, with the filters that feed them and the {@code /metrics} endpoint
 * that serves them. One instance serves a whole server chain: it lives in the {@code ServerConfig}
 * the servers share, the outermost server's filters record into it, and every server's {@code
 * /metrics} serves it.
 *
 * <pre>{@code
 * ApiServerMetrics metrics = ApiServerMetrics.create();
 * HttpHandler chain = metrics.requestFilter(authentication(metrics.inFlightFilter(director)));
 * mux.handle("/metrics", metrics.endpoint());
 * }</pre>
 *
 * <p>Metrics, with upstream's names, labels and buckets:
 *
 * <ul>
 *   <li>{@code apiserver_request_total{verb,dry_run,group,version,resource,subresource,scope,
 *       component,code}}: every finished request, including those authentication rejected;
 *   <li>{@code apiserver_request_duration_seconds{verb,dry_run,group,version,resource,subresource,
 *       scope,component}}: from receipt to the end of the response, buckets 5 ms to 60 s;
 *   <li>{@code apiserver_response_sizes{verb,group,version,resource,subresource,scope,component}}:
 *       bytes of read responses, buckets 1 kB to 1 GB;
 *   <li>{@code apiserver_current_inflight_requests{request_kind}}: requests being served that are
 *       not long-running, {@code readOnly} (get, list) or {@code mutating} (anything else);
 *   <li>{@code apiserver_longrunning_requests{verb,group,version,resource,subresource,scope,
 *       component}}: watches being served;
 *   <li>{@code apiserver_request_terminations_total{verb,group,version,resource,subresource,scope,
 *       component,code}}: requests the server cut short in self-defense, as reported to {@link
 *       #recordTermination}.
 * </ul>
 *
 * <p>Label values are cleaned as upstream cleans them, so all of them are bounded: {@code verb} is
 * upstream's upper-case verb ({@code LIST}, {@code WATCH}, {@code APPLY}, {@code CONNECT}... or
 * {@code other}), {@code dry_run} is {@code ""}, {@code All} or {@code invalid}, {@code scope} is
 * {@code resource}, {@code namespace}, {@code cluster} or {@code ""}, {@code component} is {@code
 * apiserver}. {@code group}, {@code version}, {@code resource} and {@code subresource} come from
 * the URL of resource requests; non-resource requests carry only the path of the server's own
 * endpoints ({@code /version}, {@code /healthz}, {@code /metrics}...) in {@code subresource}.
 * Requests that authentication rejected (401) are counted without resource labels, since their path
 * is not to be trusted, and at most {@value #MAX_RESOURCE_LABEL_SETS} distinct {@code
 * group/version/resource/subresource} combinations are reported; later ones are counted without
 * resource labels.
 *
 * <p>Thread-safe.
 */
public final class ApiServerMetrics {
  /** Labels of requests by what they address (upstream's order). */
  private static final String[] RESOURCE_LABELS = {
    "verb", "group", "version", "resource", "subresource", "scope", "component"
  };
  private static final String[] RESOURCE_LABELS_WITH_CODE = with(RESOURCE_LABELS, "code");
  /** {@link #RESOURCE_LABELS} with {@code dry_run} after the verb. */
  private static final String[] REQUEST_LABELS = {
    "verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component"
  };
  private static final String[] REQUEST_LABELS_WITH_CODE = with(REQUEST_LABELS, "code");

  /** How many distinct {@code group/version/resource/subresource} combinations are reported. */
  public static final int MAX_RESOURCE_LABEL_SETS = 2048;

  /** Upstream's {@code apiserver_request_duration_seconds} buckets. */
  static final double[] DURATION_BUCKETS = {
    0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30,
    45, 60
  };

  /** Upstream's {@code apiserver_response_sizes} buckets: 1000 times powers of ten up to 1 GB. */
  static final double[] RESPONSE_SIZE_BUCKETS = {1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

  /** Upstream's verbs of read-only requests for the in-flight limit. */
  private static final Set<String> READ_ONLY_VERBS = Set.of("get", "list", "watch");

  private final PrometheusRegistry registry;
  private final ResourceLabelLimit labelLimit;
  private final Counter requests;
  private final Histogram durations;
  private final Histogram responseSizes;
  private final GaugeDataPoint readOnlyInFlight;
  private final GaugeDataPoint mutatingInFlight;
  private final Gauge longRunning;
  private final Counter terminations;

  private ApiServerMetrics(PrometheusRegistry registry, int maxResourceLabelSets) {
    this.registry = registry;
    this.labelLimit = new ResourceLabelLimit(maxResourceLabelSets);
    this.requests =
        Counter.builder()
            .name("apiserver_request_total")
            .help(
                "[STABLE] Requests served, by verb, dry-run value, group, version, resource,"
                    + " subresource, scope, component and HTTP status code.")
            .labelNames(REQUEST_LABELS_WITH_CODE)
            .withoutExemplars()
            .register(registry);
    this.durations =
        Histogram.builder()
            .name("apiserver_request_duration_seconds")
            .help(
                "[STABLE] Time from receiving a request to finishing its response, in seconds, by"
                    + " verb, dry-run value, group, version, resource, subresource, scope and"
                    + " component.")
            .labelNames(REQUEST_LABELS)
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS)
            .withoutExemplars()
            .register(registry);
    this.responseSizes =
        Histogram.builder()
            .name("apiserver_response_sizes")
            .help(
                "[STABLE] Size of read responses in bytes, by verb, group, version, resource,"
                    + " subresource, scope and component.")
            .labelNames(RESOURCE_LABELS)
            .classicOnly()
            .classicUpperBounds(RESPONSE_SIZE_BUCKETS)
            .withoutExemplars()
            .register(registry);
    Gauge inFlight =
        Gauge.builder()
            .name("apiserver_current_inflight_requests")
            .help(
                "[STABLE] Requests being served that are not long-running, by kind (readOnly or"
                    + " mutating).")
            .labelNames("request_kind")
            .register(registry);
    this.readOnlyInFlight = inFlight.labelValues("readOnly");
    this.mutatingInFlight = inFlight.labelValues("mutating");
    this.longRunning =
        Gauge.builder()
            .name("apiserver_longrunning_requests")
            .help(
                "[STABLE] Long-running requests (watches) being served, by verb, group, version,"
                    + " resource, subresource, scope and component.")
            .labelNames(RESOURCE_LABELS)
            .register(registry);
    this.terminations =
        Counter.builder()
            .name("apiserver_request_terminations_total")
            .help(
                "[ALPHA] Requests the server terminated in self-defense (timeouts, load"
                    + " shedding), by verb, group, version, resource, subresource, scope,"
                    + " component and HTTP status code.")
            .labelNames(RESOURCE_LABELS_WITH_CODE)
            .withoutExemplars()
            .register(registry);
  }

  /** Metrics in a registry of their own. */
  public static ApiServerMetrics create() {
    return new ApiServerMetrics(new PrometheusRegistry(), MAX_RESOURCE_LABEL_SETS);
  }

  /**
   * Metrics registered in {@code registry}, which may hold other metrics too (JVM, process,
   * application) that {@link #endpoint()} then serves alongside.
   *
   * @throws IllegalArgumentException if {@code registry} already holds a metric of the same name
   */
  public static ApiServerMetrics create(PrometheusRegistry registry) {
    checkNotNull(registry, "registry");
    return new ApiServerMetrics(registry, MAX_RESOURCE_LABEL_SETS);
  }

  /** Metrics in a registry of their own reporting at most {@code max} resource label sets. */
  static ApiServerMetrics withResourceLabelLimit(int max) {
    checkArgument(max > 0, "max must be positive: %s", max);
    return new ApiServerMetrics(new PrometheusRegistry(), max);
  }

  /** The registry the metrics live in, to add other collectors or to export it elsewhere. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Wraps {@code next} with the filter that counts and times every request when its exchange
   * completes (so asynchronous responses and watches are measured to their end). It belongs just
   * inside the request-info and HTTP-log filters and outside authentication, so that requests
   * rejected there are counted too.
   */
  public HttpHandler requestFilter(HttpHandler next) {
    return new RequestMetricsFilter(checkNotNull(next, "next"), this);
  }

  /**
   * Wraps {@code next} with the filter that tracks the requests being served: in-flight requests by
   * kind and long-running requests. It belongs just inside authentication, where upstream limits
   * in-flight requests, so that rejected requests do not show.
   */
  public HttpHandler inFlightFilter(HttpHandler next) {
    return new InFlightRequestsFilter(checkNotNull(next, "next"), this);
  }

  /**
   * The {@code /metrics} handler: the registry in the Prometheus text format ({@code text/plain;
   * version=0.0.4; charset=utf-8}), or in OpenMetrics when the {@code Accept} header asks for it.
   */
  public HttpHandler endpoint() {
    return new MetricsEndpoint(registry);
  }

  /**
   * Counts a request that the server terminated in self-defense with {@code code} (504 for a
   * timeout, 429 for load shedding), in {@code apiserver_request_terminations_total}. Call at most
   * once per request.
   */
  public void recordTermination(HttpServerExchange exchange, int code) {
    checkNotNull(exchange, "exchange");
    checkArgument(code >= 100 && code <= 999, "not an HTTP status code: %s", code);
    RequestLabels labels = labels(exchange, trustedInfo(exchange, true), true);
    terminations
        .labelValues(
            labels.verb(),
            labels.group(),
            labels.version(),
            labels.resource(),
            labels.subresource(),
            labels.scope(),
            labels.component(),
            Integer.toString(code))
        .inc();
  }

  /** Records a finished request that started at {@code startNanos} ({@link System#nanoTime()}). */
  void recordCompleted(HttpServerExchange exchange, long startNanos) {
    int code = exchange.getStatusCode();
    // a request authentication turned away has a path nobody vouches for
    RequestInfo info = trustedInfo(exchange, code != 401);
    RequestLabels labels = labels(exchange, info, false);
    double seconds = Math.max(0, System.nanoTime() - startNanos) / 1e9;
    requests
        .labelValues(
            labels.verb(),
            labels.dryRun(),
            labels.group(),
            labels.version(),
            labels.resource(),
            labels.subresource(),
            labels.scope(),
            labels.component(),
            Integer.toString(code))
        .inc();
    durations
        .labelValues(
            labels.verb(),
            labels.dryRun(),
            labels.group(),
            labels.version(),
            labels.resource(),
            labels.subresource(),
            labels.scope(),
            labels.component())
        .observe(seconds);
    if (RequestLabels.isRead(
        exchange.getRequestMethod().toString(), info, exchange.getQueryParameters())) {
      responseSizes
          .labelValues(
              labels.verb(),
              labels.group(),
              labels.version(),
              labels.resource(),
              labels.subresource(),
              labels.scope(),
              labels.component())
          .observe(exchange.getResponseBytesSent());
    }
  }

  /** The gauge a request being served counts in; the caller increments and decrements it. */
  GaugeDataPoint servingGauge(HttpServerExchange exchange) {
    RequestInfo info = trustedInfo(exchange, true);
    if (info.isLongRunning()) {
      RequestLabels labels = labels(exchange, info, true);
      return longRunning.labelValues(
          labels.verb(),
          labels.group(),
          labels.version(),
          labels.resource(),
          labels.subresource(),
          labels.scope(),
          labels.component());
    }
    return READ_ONLY_VERBS.contains(info.verb()) ? readOnlyInFlight : mutatingInFlight;
  }

  /** The exchange's request info, or a non-resource one when absent or not to be trusted. */
  private static RequestInfo trustedInfo(HttpServerExchange exchange, boolean trusted) {
    RequestInfo info = RequestContext.requestInfo(exchange);
    if (info != null && trusted) {
      return info;
    }
    return RequestInfo.nonResource(
        exchange.getRequestPath(), exchange.getRequestMethod().toString().toLowerCase(Locale.ROOT));
  }

  private RequestLabels labels(HttpServerExchange exchange, RequestInfo info, boolean cleanScope) {
    String method = exchange.getRequestMethod().toString();
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    RequestLabels labels =
        cleanScope
            ? RequestLabels.ofCleanScope(method, info, exchange.getQueryParameters(), contentType)
            : RequestLabels.of(method, info, exchange.getQueryParameters(), contentType);
    if (labelLimit.admit(labels)) {
      return labels;
    }
    return RequestLabels.of(
        method, trustedInfo(exchange, false), exchange.getQueryParameters(), contentType);
  }

  private static String[] with(String[] labels, String extra) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
    all[labels.length] = extra;
    return all;
  }
}
