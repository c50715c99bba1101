package io.kapi.restcontainer;

import static io.kapi.restcontainer.TestExchanges.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Route selection through {@link Container#handleRequest}, without a server. */
class ContainerRoutingTest {

  private final RecordingErrorWriter errors = new RecordingErrorWriter();
  private final Container container = new Container(errors);
  private @Nullable RestRequest served;

  private Route.Builder route(String method, String template) {
    return Route.builder(method, template).to(request -> served = request);
  }

  private void add(String rootPath, Route... routes) {
    WebService.Builder builder = WebService.builder(rootPath);
    for (Route route : routes) {
      builder.route(route);
    }
    container.add(builder.build());
  }

  /** Serves {@code exchange} and returns the request the selected route saw. */
  private RestRequest serve(HttpServerExchange exchange) throws Exception {
    served = null;
    int errorsBefore = errors.errors().size();
    container.handleRequest(exchange);
    assertThat(errors.errors().subList(errorsBefore, errors.errors().size())).as("errors").isEmpty();
    assertThat(served).as("served request").isNotNull();
    return served;
  }

  /** Serves {@code exchange}, expecting the error writer to be called. */
  private RouteError reject(HttpServerExchange exchange) throws Exception {
    served = null;
    int errorsBefore = errors.errors().size();
    container.handleRequest(exchange);
    assertThat(served).as("no route should run").isNull();
    assertThat(errors.errors()).as("errors").hasSize(errorsBefore + 1);
    RouteError error = errors.last();
    assertThat(error).as("route error").isNotNull();
    return error;
  }

  // --- template matching ---

  @Test
  void literalSegmentsDecideBetweenTemplatesWithParameters() throws Exception {
    Route status = route("GET", "/namespaces/{name}/status").build();
    Route pods = route("GET", "/namespaces/{namespace}/pods").build();
    Route anyResource = route("GET", "/namespaces/{namespace}/{resource}").build();
    add("/api/v1", anyResource, status, pods);

    assertThat(serve(request("GET", "/api/v1/namespaces/default/pods")).route()).isSameAs(pods);
    assertThat(serve(request("GET", "/api/v1/namespaces/default/status")).route())
        .isSameAs(status);
    assertThat(serve(request("GET", "/api/v1/namespaces/default/secrets")).route())
        .isSameAs(anyResource);
  }

  @Test
  void literalBeatsParameterInTheSamePosition() throws Exception {
    Route byName = route("GET", "/namespaces/{name}").build();
    Route fixed = route("GET", "/namespaces/default").build();
    add("/api/v1", byName, fixed);

    assertThat(serve(request("GET", "/api/v1/namespaces/default")).route()).isSameAs(fixed);
    assertThat(serve(request("GET", "/api/v1/namespaces/other")).route()).isSameAs(byName);
  }

  @Test
  void namedSegmentsBeatWildcardWithEqualLiterals() throws Exception {
    Route wildcard = route("GET", "/proxy/{path:*}").build();
    Route twoNames = route("GET", "/proxy/{host}/{port}").build();
    add("/api/v1", wildcard, twoNames);

    assertThat(serve(request("GET", "/api/v1/proxy/a/b")).route()).isSameAs(twoNames);
    assertThat(serve(request("GET", "/api/v1/proxy/a/b/c")).route()).isSameAs(wildcard);
    assertThat(serve(request("GET", "/api/v1/proxy/a")).route()).isSameAs(wildcard);
  }

  @Test
  void registrationOrderBreaksTies() throws Exception {
    Route first = route("GET", "/a/{x}/b").build();
    Route second = route("GET", "/a/b/{y}").build();
    add("/one", first, second);
    add("/two", route("GET", "/a/b/{y}").build(), route("GET", "/a/{x}/b").build());

    assertThat(serve(request("GET", "/one/a/b/b")).route()).isSameAs(first);
    assertThat(serve(request("GET", "/two/a/b/b")).route().pathTemplate()).isEqualTo("/a/b/{y}");
  }

  @Test
  void wildcardTakesTheRestOfThePath() throws Exception {
    add("/api/v1", route("GET", "/namespaces/{namespace}/services/{name}/proxy/{path:*}").build());

    RestRequest request =
        serve(request("GET", "/api/v1/namespaces/ns/services/web/proxy/static/app.js"));

    assertThat(request.pathParameters())
        .containsExactly(
            Map.entry("namespace", "ns"), Map.entry("name", "web"), Map.entry("path", "static/app.js"));
  }

  @Test
  void wildcardNeedsAtLeastOneSegment() throws Exception {
    add("/api/v1", route("GET", "/proxy/{path:*}").build());

    assertThat(reject(request("GET", "/api/v1/proxy")).kind()).isEqualTo(RouteError.Kind.NOT_FOUND);
    assertThat(reject(request("GET", "/api/v1/proxy/")).kind())
        .isEqualTo(RouteError.Kind.NOT_FOUND);
  }

  @Test
  void parameterMatchesExactlyOneNonEmptySegment() throws Exception {
    add("/api/v1", route("GET", "/pods/{name}").build());

    assertThat(reject(request("GET", "/api/v1/pods/a/b")).kind())
        .isEqualTo(RouteError.Kind.NOT_FOUND);
    assertThat(reject(request("GET", "/api/v1/pods//")).kind())
        .isEqualTo(RouteError.Kind.NOT_FOUND);
    assertThat(reject(request("GET", "/api/v1/pods//x")).kind())
        .isEqualTo(RouteError.Kind.NOT_FOUND);
  }

  @Test
  void pathParametersAreExposedAsDecodedByUndertow() throws Exception {
    add("/api/v1", route("GET", "/namespaces/{namespace}/configmaps/{name}").build());

    RestRequest request = serve(request("GET", "/api/v1/namespaces/my ns/configmaps/a+b"));

    assertThat(request.pathParameter("namespace")).isEqualTo("my ns");
    assertThat(request.pathParameter("name")).isEqualTo("a+b");
    assertThat(request.pathParameters()).containsOnlyKeys("namespace", "name");
    assertThat(request.webService().rootPath()).isEqualTo("/api/v1");
    assertThat(request.exchange().getRequestPath()).isEqualTo("/api/v1/namespaces/my ns/configmaps/a+b");
  }

  @Test
  void unknownPathParameterFails() throws Exception {
    add("/api/v1", route("GET", "/pods/{name}").build());

    RestRequest request = serve(request("GET", "/api/v1/pods/p"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> request.pathParameter("namespace"))
        .withMessageContaining("namespace");
  }

  @Test
  void trailingSlashIsIgnored() throws Exception {
    Route root = route("GET", "").build();
    Route pods = route("GET", "/pods").build();
    add("/api/v1", root, pods);

    assertThat(serve(request("GET", "/api/v1")).route()).isSameAs(root);
    assertThat(serve(request("GET", "/api/v1/")).route()).isSameAs(root);
    assertThat(serve(request("GET", "/api/v1/pods/")).route()).isSameAs(pods);
  }

  // --- web service selection ---

  @Test
  void longestRootPathWins() throws Exception {
    add("/apis", route("GET", "").build(), route("GET", "/{group}").build());
    add("/apis/apps/v1", route("GET", "/deployments").build());

    assertThat(serve(request("GET", "/apis/apps/v1/deployments")).webService().rootPath())
        .isEqualTo("/apis/apps/v1");
    assertThat(serve(request("GET", "/apis/apps")).webService().rootPath()).isEqualTo("/apis");
    assertThat(serve(request("GET", "/apis/")).webService().rootPath()).isEqualTo("/apis");
  }

  @Test
  void rootPathMatchesOnlyAtSegmentBoundary() throws Exception {
    add("/api", route("GET", "").build());

    assertThat(reject(request("GET", "/apis")).kind()).isEqualTo(RouteError.Kind.NOT_FOUND);
    assertThat(serve(request("GET", "/api")).webService().rootPath()).isEqualTo("/api");
  }

  @Test
  void slashRootCatchesPathsNoOtherRootClaims() throws Exception {
    add("/", route("GET", "/version").build(), route("GET", "").build());
    add("/api", route("GET", "").build());

    assertThat(serve(request("GET", "/version")).webService().rootPath()).isEqualTo("/");
    assertThat(serve(request("GET", "/")).webService().rootPath()).isEqualTo("/");
    assertThat(serve(request("GET", "/api")).webService().rootPath()).isEqualTo("/api");
  }

  @Test
  void selectedWebServiceWithoutMatchingRouteIsNotFound() throws Exception {
    add("/", route("GET", "/api/v1/pods").build());
    add("/api/v1", route("GET", "/nodes").build());

    RouteError error = reject(request("GET", "/api/v1/pods"));

    assertThat(error).isEqualTo(new RouteError(404, RouteError.Kind.NOT_FOUND, List.of()));
  }

  @Test
  void noWebServiceIsNotFound() throws Exception {
    add("/api/v1", route("GET", "/pods").build());

    assertThat(reject(request("GET", "/healthz")))
        .isEqualTo(new RouteError(404, RouteError.Kind.NOT_FOUND, List.of()));
  }

  @Test
  void emptyContainerAnswersNotFound() throws Exception {
    assertThat(reject(request("GET", "/")).kind()).isEqualTo(RouteError.Kind.NOT_FOUND);
  }

  // --- 405 ---

  @Test
  void wrongMethodIsMethodNotAllowedWithAllowHeader() throws Exception {
    add(
        "/api/v1",
        route("GET", "/pods/{name}").build(),
        route("DELETE", "/pods/{name}").build(),
        route("PUT", "/pods/{name}").build(),
        route("POST", "/pods").build());
    HttpServerExchange exchange = request("PATCH", "/api/v1/pods/p");

    RouteError error = reject(exchange);

    assertThat(error).isEqualTo(new RouteError(405, RouteError.Kind.METHOD_NOT_ALLOWED, List.of()));
    assertThat(exchange.getResponseHeaders().getFirst(Headers.ALLOW)).isEqualTo("GET, DELETE, PUT");
  }

  @Test
  void allowHeaderListsMethodsOfAllMatchingTemplatesOnce() throws Exception {
    add(
        "/api/v1",
        route("GET", "/pods/{name}").build(),
        route("PUT", "/pods/status").build(),
        route("GET", "/pods/status").build());
    HttpServerExchange exchange = request("DELETE", "/api/v1/pods/status");

    reject(exchange);

    assertThat(exchange.getResponseHeaders().getFirst(Headers.ALLOW)).isEqualTo("PUT, GET");
  }

  @Test
  void methodsAreCaseSensitive() throws Exception {
    add("/api/v1", route("GET", "/pods").build());

    assertThat(reject(request("get", "/api/v1/pods")).kind())
        .isEqualTo(RouteError.Kind.METHOD_NOT_ALLOWED);
  }

  // --- 415 ---

  @Test
  void unsupportedContentTypeListsConsumedTypesOfRoutesWithTheMethod() throws Exception {
    add(
        "/api/v1",
        route("POST", "/pods").consumes("application/json", "application/yaml").build(),
        route("POST", "/{resource}").consumes("application/json", "application/cbor").build(),
        route("GET", "/pods").consumes("text/csv").build());

    RouteError error =
        reject(request("POST", "/api/v1/pods", "Content-Type", "text/plain", "Content-Length", "2"));

    assertThat(error)
        .isEqualTo(
            new RouteError(
                415,
                RouteError.Kind.UNSUPPORTED_MEDIA_TYPE,
                List.of("application/json", "application/yaml", "application/cbor")));
  }

  @Test
  void contentTypeParametersAndCaseAreIgnored() throws Exception {
    add("/api/v1", route("POST", "/pods").consumes("application/json").build());

    serve(request("POST", "/api/v1/pods", "Content-Type", "Application/JSON; charset=utf-8"));
  }

  @Test
  void contentTypeSelectsAmongMatchingTemplates() throws Exception {
    Route patchAny = route("PATCH", "/{resource}/{name}").consumes("application/json-patch+json").build();
    Route patchPod =
        route("PATCH", "/pods/{name}").consumes("application/merge-patch+json").build();
    add("/api/v1", patchAny, patchPod);

    assertThat(
            serve(request("PATCH", "/api/v1/pods/p", "Content-Type", "application/json-patch+json"))
                .route())
        .isSameAs(patchAny);
    assertThat(
            serve(request("PATCH", "/api/v1/pods/p", "Content-Type", "application/merge-patch+json"))
                .route())
        .isSameAs(patchPod);
  }

  @Test
  void wildcardConsumesAcceptsAnything() throws Exception {
    add("/api/v1", route("POST", "/pods").consumes("*/*").build());

    serve(request("POST", "/api/v1/pods", "Content-Type", "image/png", "Content-Length", "5"));
    serve(request("POST", "/api/v1/pods", "Content-Type", "garbage", "Content-Length", "5"));
    serve(request("POST", "/api/v1/pods"));
  }

  @Test
  void routeWithoutConsumesAcceptsAnything() throws Exception {
    add("/api/v1", route("PUT", "/pods/{name}").build());

    serve(request("PUT", "/api/v1/pods/p", "Content-Type", "text/plain", "Content-Length", "1"));
  }

  @Test
  void missingContentTypeOnBodyMethodIsOctetStream() throws Exception {
    add(
        "/api/v1",
        route("POST", "/pods").consumes("application/json").build(),
        route("POST", "/blobs").consumes("application/octet-stream").build());

    RouteError error = reject(request("POST", "/api/v1/pods", "Content-Length", "2"));
    serve(request("POST", "/api/v1/blobs", "Content-Length", "2"));
    RouteError emptyBody = reject(request("POST", "/api/v1/pods"));

    assertThat(error.kind()).isEqualTo(RouteError.Kind.UNSUPPORTED_MEDIA_TYPE);
    assertThat(error.supportedMediaTypes()).containsExactly("application/json");
    assertThat(emptyBody.kind()).isEqualTo(RouteError.Kind.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void contentTypeOfBodilessGetIsNotChecked() throws Exception {
    add("/api/v1", route("GET", "/pods").consumes("application/json").build());

    serve(request("GET", "/api/v1/pods", "Content-Type", "text/plain"));
  }

  @Test
  void contentTypeIsCheckedForAnyMethodWithABody() throws Exception {
    add("/api/v1", route("DELETE", "/pods/{name}").consumes("application/json").build());

    RouteError chunked =
        reject(
            request(
                "DELETE", "/api/v1/pods/p", "Content-Type", "text/plain", "Transfer-Encoding", "chunked"));
    serve(request("DELETE", "/api/v1/pods/p", "Content-Length", "2"));

    assertThat(chunked.kind()).isEqualTo(RouteError.Kind.UNSUPPORTED_MEDIA_TYPE);
  }

  // --- 406 ---

  @Test
  void unacceptableAcceptListsProducedTypes() throws Exception {
    add(
        "/api/v1",
        route("GET", "/pods").produces("application/json", "application/yaml").build(),
        route("GET", "/{resource}")
            .produces("application/json", "application/vnd.kubernetes.protobuf")
            .build(),
        route("DELETE", "/pods").produces("text/csv").build());

    RouteError error = reject(request("GET", "/api/v1/pods", "Accept", "text/html"));

    assertThat(error)
        .isEqualTo(
            new RouteError(
                406,
                RouteError.Kind.NOT_ACCEPTABLE,
                List.of(
                    "application/json", "application/yaml", "application/vnd.kubernetes.protobuf")));
  }

  @Test
  void acceptWithWildcardsQualitiesAndParameters() throws Exception {
    add("/api/v1", route("GET", "/pods").produces("application/json", "application/yaml").build());

    serve(request("GET", "/api/v1/pods"));
    serve(request("GET", "/api/v1/pods", "Accept", "*/*"));
    serve(request("GET", "/api/v1/pods", "Accept", "application/*"));
    serve(request("GET", "/api/v1/pods", "Accept", "text/html, application/yaml;q=0.1"));
    serve(
        request(
            "GET",
            "/api/v1/pods",
            "Accept",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"));
    assertThat(reject(request("GET", "/api/v1/pods", "Accept", "application/json;q=0")).kind())
        .isEqualTo(RouteError.Kind.NOT_ACCEPTABLE);
    assertThat(reject(request("GET", "/api/v1/pods", "Accept", "text/*")).kind())
        .isEqualTo(RouteError.Kind.NOT_ACCEPTABLE);
  }

  @Test
  void severalAcceptHeadersAreOneList() throws Exception {
    add("/api/v1", route("GET", "/pods").produces("application/json").build());

    serve(request("GET", "/api/v1/pods", "Accept", "text/html", "Accept", "application/json"));
  }

  @Test
  void producedParametersAreIgnoredWhenMatching() throws Exception {
    add("/api/v1", route("GET", "/watch/pods").produces("application/json;stream=watch").build());

    serve(request("GET", "/api/v1/watch/pods", "Accept", "application/json"));
  }

  @Test
  void acceptSelectsAmongMatchingTemplates() throws Exception {
    Route special = route("GET", "/things/special").produces("text/plain").build();
    Route any = route("GET", "/things/{name}").produces("application/json").build();
    add("/api", special, any);

    assertThat(serve(request("GET", "/api/things/special", "Accept", "application/json")).route())
        .isSameAs(any);
    assertThat(serve(request("GET", "/api/things/special", "Accept", "text/plain")).route())
        .isSameAs(special);
    assertThat(serve(request("GET", "/api/things/special")).route()).isSameAs(special);
  }

  @Test
  void contentTypeIsCheckedBeforeAccept() throws Exception {
    add(
        "/api/v1",
        route("POST", "/pods").consumes("application/json").produces("application/json").build());

    RouteError error =
        reject(
            request(
                "POST",
                "/api/v1/pods",
                "Content-Type",
                "text/plain",
                "Content-Length",
                "1",
                "Accept",
                "text/html"));

    assertThat(error.kind()).isEqualTo(RouteError.Kind.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void handlerExceptionsPropagate() {
    IllegalStateException boom = new IllegalStateException("boom");
    add("/api", Route.builder("GET", "").to(request -> { throw boom; }).build());

    assertThatThrownBy(() -> container.handleRequest(request("GET", "/api")))
        .isSameAs(boom);
  }
}
