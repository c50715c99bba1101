package io.kapi.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.pathrecorder.GoQuote;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.v1.CoreV1;
import io.kapi.server.openapi.KindSchemas;
import io.kapi.server.patch.PatchSchema;
import io.kapi.server.patch.Patcher;
import io.kapi.server.schema.OpenApiDocument;
import io.kapi.server.schema.Required;
import io.kapi.server.storage.memory.MemoryStorage;
import io.kapi.server.testing.LoopbackHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The built-in core group installed with the published core/v1 schemas, over HTTP: its OpenAPI
 * documents carry upstream's operation ids, actions, kinds and query parameters, its aggregated
 * discovery lists the resources, and request bodies are pruned per {@code fieldValidation}.
 */
class PublishedApiTest {
  private static final String V2_ACCEPT =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
          + "application/json";
  private static final String CM_ITEM = "/api/v1/namespaces/{namespace}/configmaps/{name}";

  private final MemoryStorage storage = MemoryStorage.create();
  private InstalledApiGroup core;
  private LoopbackHttp http;

  @BeforeEach
  void start() {
    GenericApiServer server =
        GenericApiServer.builder("kube-apiserver", ServerConfig.defaults(() -> "127.0.0.1:6443"))
            .build();
    core =
        ApiInstaller.builder(storage)
            .kindSchemas(KindSchemas.published(OpenApiDocument.coreV1()))
            .patchApplier(
                SchemaPatchApplier.strategic(
                    Patcher.create(3 << 20),
                    PatchSchema.unknown()))
            .build()
            .install(server, CoreV1.apiGroupInfo());
    http = LoopbackHttp.serve(server.handler().fullHandlerChain());
  }

  @AfterEach
  void stop() {
    http.close();
    core.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    return http.send(method, path, body, headers);
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestApi.json(r);
  }

  private static List<String> parameterNames(JsonNode pathItem, String method) {
    List<String> names = new ArrayList<>();
    pathItem.path("parameters").forEach(p -> names.add(p.path("name").asString()));
    pathItem.path(method).path("parameters").forEach(p -> names.add(p.path("name").asString()));
    return names;
  }

  @Test
  void openApiV3ListsTheCoreGroupVersionByHash() throws Exception {
    JsonNode index = getJson("/openapi/v3");
    String url = index.path("paths").path("api/v1").path("serverRelativeURL").asString();

    assertThat(url).matches("/openapi/v3/api/v1\\?hash=[0-9A-F]{128}");
    HttpResponse<String> document = send("GET", url, null);
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.headers().firstValue("Cache-Control")).contains("public, immutable");
  }

  @Test
  void operationsCarryUpstreamIdsActionsKindsAndParameters() throws Exception {
    JsonNode doc = getJson("/openapi/v3/api/v1");
    JsonNode item = doc.path("paths").path(CM_ITEM);

    JsonNode patch = item.path("patch");
    assertThat(patch.path("operationId").asString()).isEqualTo("patchCoreV1NamespacedConfigMap");
    assertThat(patch.path("x-kubernetes-action").asString()).isEqualTo("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"\",\"kind\":\"ConfigMap\",\"version\":\"v1\"}");
    assertThat(parameterNames(item, "patch"))
        .contains("name", "namespace", "pretty", "dryRun", "fieldManager", "fieldValidation", "force");
    assertThat(patch.path("requestBody").path("content").propertyNames())
        .contains("application/json-patch+json", "application/merge-patch+json");
    assertThat(
            patch.path("responses").path("200").path("content").path("application/json")
                .path("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.ConfigMap");

    assertThat(item.path("get").path("operationId").asString())
        .isEqualTo("readCoreV1NamespacedConfigMap");
    assertThat(item.path("delete").path("x-kubernetes-action").asString()).isEqualTo("delete");
    assertThat(parameterNames(item, "delete")).contains("gracePeriodSeconds", "propagationPolicy");
    // as upstream's document: a ConfigMap delete answers a Status, a Pod delete the Pod
    assertThat(
            item.path("delete").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status");
    assertThat(
            doc.path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}").path("delete")
                .path("responses").path("200").path("content").path("application/json")
                .path("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
    JsonNode collection = doc.path("paths").path("/api/v1/namespaces/{namespace}/configmaps");
    assertThat(collection.path("get").path("operationId").asString())
        .isEqualTo("listCoreV1NamespacedConfigMap");
    assertThat(collection.path("delete").path("x-kubernetes-action").asString())
        .isEqualTo("deletecollection");
    assertThat(parameterNames(collection, "delete"))
        .contains("labelSelector", "continue", "gracePeriodSeconds")
        .doesNotContain("watch", "allowWatchBookmarks");
    assertThat(
            collection.path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asString())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.ConfigMapList");
    assertThat(doc.path("paths").path("/api/v1/namespaces").path("post").path("operationId")
            .asString())
        .isEqualTo("createCoreV1Namespace");
    assertThat(doc.path("paths").path("/api/v1/watch/namespaces/{namespace}/pods").path("get")
            .path("x-kubernetes-action").asString())
        .isEqualTo("watchlist");
    assertThat(doc.path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}/status")
            .path("put").path("operationId").asString())
        .isEqualTo("replaceCoreV1NamespacedPodStatus");
  }

  @Test
  void componentsAreThePublishedSchemasWithTheirKinds() throws Exception {
    JsonNode schemas = getJson("/openapi/v3/api/v1").path("components").path("schemas");

    JsonNode pod = schemas.path("io.k8s.api.core.v1.Pod");
    assertThat(pod.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]");
    assertThat(schemas.path("io.k8s.api.core.v1.Container").path("properties").path("image")
            .path("description").asString())
        .isNotEmpty();
    assertThat(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
    assertThat(schemas.has("io.k8s.api.core.v1.SecretList")).isTrue();
  }

  @Test
  void openApiV2IsTheSwaggerViewOfTheSameDocuments() throws Exception {
    JsonNode swagger = getJson("/openapi/v2");

    assertThat(swagger.path("swagger").asString()).isEqualTo("2.0");
    assertThat(swagger.path("definitions").has("io.k8s.api.core.v1.ConfigMap")).isTrue();
    assertThat(swagger.path("paths").path(CM_ITEM).path("patch").path("operationId").asString())
        .isEqualTo("patchCoreV1NamespacedConfigMap");
  }

  @Test
  void aggregatedDiscoveryOfApiListsTheCoreResources() throws Exception {
    HttpResponse<String> r = send("GET", "/api", null, "Accept", V2_ACCEPT);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .contains("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    JsonNode list = TestApi.json(r);
    assertThat(list.path("kind").asString()).isEqualTo("APIGroupDiscoveryList");
    JsonNode version = list.path("items").path(0).path("versions").path(0);
    assertThat(list.path("items").path(0).path("metadata").path("name").asString()).isEmpty();
    assertThat(version.path("version").asString()).isEqualTo("v1");
    JsonNode pods = null;
    for (JsonNode resource : version.path("resources")) {
      if (resource.path("resource").asString().equals("pods")) {
        pods = resource;
      }
    }
    assertThat(pods).isNotNull();
    assertThat(pods.path("shortNames").toString()).isEqualTo("[\"po\"]");
    assertThat(pods.path("categories").toString()).isEqualTo("[\"all\"]");
    assertThat(pods.path("scope").asString()).isEqualTo("Namespaced");
    assertThat(pods.path("singularResource").asString()).isEqualTo("pod");
    assertThat(pods.path("responseKind").path("kind").asString()).isEqualTo("Pod");
    assertThat(pods.path("subresources").path(0).path("subresource").asString())
        .isEqualTo("status");

    String etag = r.headers().firstValue("ETag").orElseThrow();
    assertThat(send("GET", "/api", null, "Accept", V2_ACCEPT, "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    assertThat(TestApi.json(send("GET", "/api", null)).path("kind").asString())
        .isEqualTo("APIVersions");
  }

  @Test
  void unknownFieldsArePrunedWarnedOrRejectedPerFieldValidation() throws Exception {
    String pod =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"%s\"},"
            + "\"spec\":{\"foo\":1,\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";
    String pods = "/api/v1/namespaces/default/pods";

    HttpResponse<String> strict =
        send("POST", pods + "?fieldValidation=Strict", pod.formatted("a"),
            "Content-Type", "application/json");
    assertThat(strict.statusCode()).isEqualTo(400);
    assertThat(TestApi.json(strict).path("message").asString())
        .isEqualTo(
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error:"
                + " unknown field \"spec.foo\"");

    HttpResponse<String> warned =
        send("POST", pods, pod.formatted("b"), "Content-Type", "application/json");
    assertThat(warned.statusCode()).as(warned.body()).isEqualTo(201);
    assertThat(warned.headers().allValues("Warning"))
        .containsExactly("299 - \"unknown field \\\"spec.foo\\\"\"");
    assertThat(TestApi.json(warned).path("spec").has("foo")).isFalse();
    assertThat(TestApi.json(warned).path("spec").path("containers").path(0).path("image")
            .asString())
        .isEqualTo("nginx");

    HttpResponse<String> ignored =
        send("POST", pods + "?fieldValidation=Ignore", pod.formatted("c"),
            "Content-Type", "application/json");
    assertThat(ignored.statusCode()).isEqualTo(201);
    assertThat(ignored.headers().allValues("Warning")).isEmpty();
  }

  @Test
  void strictPatchesWithUnknownFieldsGetUpstreamsInvalidAndChangeNothing() throws Exception {
    String configMaps = "/api/v1/namespaces/default/configmaps";
    HttpResponse<String> created =
        send("POST", configMaps,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"p\"},"
                + "\"data\":{\"k\":\"v\"}}",
            "Content-Type", "application/json");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String stored = send("GET", configMaps + "/p", null).body();

    HttpResponse<String> merge =
        send("PATCH", configMaps + "/p?fieldValidation=Strict", "{\"bogus\":{\"n\":1}}",
            "Content-Type", "application/merge-patch+json");
    HttpResponse<String> json =
        send("PATCH", configMaps + "/p?fieldValidation=Strict",
            "[{\"op\":\"add\",\"path\":\"/bogus\",\"value\":2}]",
            "Content-Type", "application/json-patch+json");
    HttpResponse<String> strategic =
        send("PATCH", configMaps + "/p?fieldValidation=Strict",
            "{\"data\":{\"k\":\"w\"},\"bogus\":[1,2.5,\"x\"]}",
            "Content-Type", "application/strategic-merge-patch+json");
    HttpResponse<String> warned =
        send("PATCH", configMaps + "/p", "{\"bogus\":{\"n\":1}}",
            "Content-Type", "application/merge-patch+json");

    // JSON and merge patch: the patched object (sorted keys); strategic merge: Go's %+v of the patch
    Unstructured object =
        new Unstructured(
            (ObjectNode) TestApi.json(stored));
    object.object().set("bogus", TestApi.json("{\"n\":1}"));
    object.sortKeys();
    String mergedJson =
        new String(ApiCodec.json().encode(object.object())).trim();
    assertThat(merge.statusCode()).isEqualTo(422);
    assertThat(merge.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":" + quoteJson(" \"\" is invalid: patch: Invalid value: "
                    + goQuote(mergedJson) + ": strict decoding error: unknown field \"bogus\"")
                + ",\"reason\":\"Invalid\",\"details\":{\"causes\":[{\"reason\":"
                + "\"FieldValueInvalid\",\"message\":" + quoteJson("Invalid value: "
                    + goQuote(mergedJson) + ": strict decoding error: unknown field \"bogus\"")
                + ",\"field\":\"patch\"}]},\"code\":422}\n");
    assertThat(json.statusCode()).isEqualTo(422);
    assertThat(TestApi.json(json).path("message").asString())
        .startsWith(" \"\" is invalid: patch: Invalid value: \"{\\\"apiVersion\\\":\\\"v1\\\",\\\"bogus\\\":2,")
        .endsWith(": strict decoding error: unknown field \"bogus\"");
    assertThat(strategic.statusCode()).isEqualTo(422);
    assertThat(TestApi.json(strategic).path("message").asString())
        .isEqualTo(
            " \"\" is invalid: patch: Invalid value: \"map[bogus:[1 2.5 x] data:map[k:w]]\":"
                + " strict decoding error: unknown field \"bogus\"");
    assertThat(send("GET", configMaps + "/p", null).body()).isEqualTo(stored);
    assertThat(warned.statusCode()).isEqualTo(200);
    assertThat(warned.headers().allValues("Warning"))
        .containsExactly("299 - \"unknown field \\\"bogus\\\"\"");
  }

  private static String quoteJson(String text) {
    return new String(ApiCodec.json().encode(
            JsonNodeFactory.instance.stringNode(text)))
        .trim();
  }

  private static String goQuote(String text) {
    return GoQuote.quote(text);
  }

  @Test
  void knownFieldsOfConfigMapsAreKept() throws Exception {
    HttpResponse<String> created =
        send("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\","
                + "\"labels\":{\"a\":\"b\"},\"annotations\":{\"x\":\"y\"}},"
                + "\"data\":{\"k\":\"v\"},\"immutable\":false}",
            "Content-Type", "application/json");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode cm = TestApi.json(created);
    assertThat(cm.path("data").path("k").asString()).isEqualTo("v");
    assertThat(cm.path("metadata").path("labels").path("a").asString()).isEqualTo("b");
  }

  record WidgetSpec(@Required String color) {}

  record Widget(String apiVersion, String kind, JsonNode metadata, WidgetSpec spec) {}

  @Test
  void recordKindsArePublishedAndCheckBodies() throws Exception {
    GroupVersionKind widget = GroupVersionKind.of("example.com", "v1", "Widget");
    try (TestApi api =
        TestApi.start(b -> b.kindSchemas(KindSchemas.records(Map.of(widget, Widget.class))))) {
      JsonNode doc = TestApi.json(api.get("/openapi/v3/apis/example.com/v1"));
      JsonNode schemas = doc.path("components").path("schemas");
      assertThat(schemas.path("com.example.v1.Widget").path("properties").path("spec")
              .path("required").toString())
          .isEqualTo("[\"color\"]");
      assertThat(schemas.path("com.example.v1.WidgetList").path("properties").path("items")
              .path("items").path("$ref").asString())
          .isEqualTo("#/components/schemas/com.example.v1.Widget");
      // a kind no source knows still gets a schema kubectl can explain
      assertThat(schemas.path("com.example.v1.Gadget").path("x-kubernetes-group-version-kind")
              .toString())
          .isEqualTo("[{\"group\":\"example.com\",\"kind\":\"Gadget\",\"version\":\"v1\"}]");

      String widgets = "/apis/example.com/v1/namespaces/default/widgets";
      HttpResponse<String> strict =
          api.post(widgets + "?fieldValidation=Strict",
              TestApi.widget("a", "red").replace("\"color\":\"red\"", "\"color\":\"red\",\"x\":1"));
      assertThat(strict.statusCode()).isEqualTo(400);
      HttpResponse<String> invalid =
          api.post(widgets, TestApi.widget("b", "red").replace("\"color\":\"red\"", "\"shade\":1"));
      assertThat(invalid.statusCode()).isEqualTo(422);
      assertThat(TestApi.json(invalid).path("message").asString()).contains("spec.color");
    }
  }
}
