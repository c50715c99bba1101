package io.kapi.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.restcontainer.Parameter;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenApiDocumentBuilderTest {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

  private static String canonical(JsonNode node) {
    return new String(CanonicalJson.encode(node), StandardCharsets.UTF_8);
  }

  private static ObjectNode configMapDocument() {
    return OpenApiDocumentBuilder.builder()
        .webService(UpstreamConfigMaps.webService())
        .schemas(UpstreamConfigMaps.schemas())
        .build();
  }

  @Test
  void buildsUpstreamsConfigMapPathsFromTheEquivalentRoutes() {
    JsonNode reference = UpstreamConfigMaps.reference().get("paths");
    JsonNode built = configMapDocument().get("paths");
    assertThat(built.propertyNames())
        .containsExactlyInAnyOrderElementsOf(reference.propertyNames());
    for (String path : reference.propertyNames()) {
      assertThat(canonical(built.get(path))).as(path).isEqualTo(canonical(reference.get(path)));
    }
  }

  @Test
  void componentsHoldTheKindsAndEverythingTheyReferToButNothingElse() {
    JsonNode schemas = configMapDocument().get("components").get("schemas");
    assertThat(schemas.propertyNames())
        .contains(
            UpstreamConfigMaps.CONFIG_MAP,
            UpstreamConfigMaps.CONFIG_MAP_LIST,
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
            "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
            "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
            "io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent",
            "io.k8s.apimachinery.pkg.runtime.RawExtension")
        .doesNotContain(
            "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup",
            "io.k8s.apimachinery.pkg.api.resource.Quantity",
            "io.k8s.apimachinery.pkg.version.Info");
    assertThat(canonical(schemas.get(UpstreamConfigMaps.CONFIG_MAP)))
        .isEqualTo(
            canonical(
                UpstreamConfigMaps.reference().get("schemas").get(UpstreamConfigMaps.CONFIG_MAP)));
  }

  @Test
  void theDocumentIsStructurallyValid() {
    ObjectNode document = configMapDocument();
    assertThat(document.get("openapi").asString()).isEqualTo("3.0.0");
    assertThat(document.get("info").get("title").asString()).isEqualTo("Kubernetes");
    JsonNode schemas = document.get("components").get("schemas");
    // every reference resolves
    for (String referred : OpenApiDocumentBuilder.referredSchemas(document)) {
      assertThat(schemas.has(referred)).as("ref %s resolves", referred).isTrue();
    }
    Set<String> operationIds = new HashSet<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      Set<String> templateParameters = new HashSet<>();
      Matcher m = PATH_PARAMETER.matcher(path.getKey());
      while (m.find()) {
        templateParameters.add(m.group(1));
      }
      Set<String> declared = new HashSet<>();
      for (JsonNode p : path.getValue().path("parameters")) {
        if (p.get("in").asString().equals("path")) {
          declared.add(p.get("name").asString());
          assertThat(p.get("required").asBoolean()).isTrue();
        }
      }
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (op.getKey().equals("parameters")) {
          continue;
        }
        Set<String> all = new HashSet<>(declared);
        for (JsonNode p : op.getValue().path("parameters")) {
          if (p.get("in").asString().equals("path")) {
            all.add(p.get("name").asString());
          }
        }
        assertThat(all)
            .as("path parameters of %s %s", op.getKey(), path.getKey())
            .isEqualTo(templateParameters);
        assertThat(operationIds.add(op.getValue().get("operationId").asString()))
            .as("unique operationId")
            .isTrue();
        assertThat(op.getValue().get("responses").has("401")).isTrue();
      }
    }
    assertThat(operationIds).hasSize(11);
  }

  @Test
  void aPatchOperationCarriesWhatKubectlLooksForBeforeServerSideValidation() {
    JsonNode patch =
        configMapDocument()
            .get("paths")
            .get("/api/v1/namespaces/{namespace}/configmaps/{name}")
            .get("patch");
    assertThat(canonical(patch.get("x-kubernetes-group-version-kind")))
        .isEqualTo("{\"group\":\"\",\"kind\":\"ConfigMap\",\"version\":\"v1\"}");
    assertThat(patch.get("parameters").findValuesAsString("name")).contains("fieldValidation");
  }

  @Test
  void aWebServiceWithoutTypesGivesPathsOnly() {
    WebService plain =
        WebService.builder("/apis/example.com/v1")
            .route(Route.builder("GET", "").operationId("getAPIResources").to(r -> {}).build())
            .route(
                Route.builder("GET", "/proxy/{path:*}")
                    .operationId("proxyThing")
                    .param(Parameter.path("path", "the rest"))
                    .to(r -> {})
                    .build())
            .build();
    ObjectNode document = OpenApiDocumentBuilder.builder().webService(plain).build();
    JsonNode paths = document.get("paths");
    assertThat(paths.propertyNames())
        .containsExactly("/apis/example.com/v1/", "/apis/example.com/v1/proxy/{path}");
    JsonNode get = paths.get("/apis/example.com/v1/").get("get");
    assertThat(get.get("operationId").asString()).isEqualTo("getExampleComV1APIResources");
    assertThat(get.get("tags").get(0).asString()).isEqualTo("exampleCom_v1");
    assertThat(canonical(get.get("responses")))
        .isEqualTo("{\"401\":{\"description\":\"Unauthorized\"}}");
    assertThat(get.has("x-kubernetes-action")).isFalse();
    assertThat(document.get("components").get("schemas").isEmpty()).isTrue();
  }

  @Test
  void aBareSchemaRefAsWriteTypeIsAnOkResponse() {
    WebService ws =
        WebService.builder("/api/v1")
            .route(
                Route.builder("GET", "")
                    .operationId("getAPIResources")
                    .produces("application/json")
                    .writes(SchemaRef.API_RESOURCE_LIST)
                    .to(r -> {})
                    .build())
            .build();
    JsonNode document = OpenApiDocumentBuilder.builder().webService(ws).build();
    assertThat(canonical(document.get("paths").get("/api/v1/").get("get").get("responses")))
        .isEqualTo(
            "{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
                + "\"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList\"}}},"
                + "\"description\":\"OK\"},\"401\":{\"description\":\"Unauthorized\"}}");
    assertThat(document.get("components").get("schemas").propertyNames())
        .contains(
            "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList",
            "io.k8s.apimachinery.pkg.apis.meta.v1.APIResource");
  }

  @Test
  void explicitSchemasAreKeptAndReferenceSchemasOnlyWhenReferred() {
    JsonNode widget =
        json(
            "{\"type\":\"object\",\"properties\":{\"spec\":{\"$ref\":\"#/components/schemas/com.example.WidgetSpec\",\"description\":\"the"
                + " spec\"}}}");
    JsonNode spec = json("{\"type\":\"object\"}");
    JsonNode unused = json("{\"type\":\"string\"}");
    JsonNode document =
        OpenApiDocumentBuilder.builder()
            .schemas(Map.of("com.example.Widget", widget))
            .referenceSchemas(Map.of("com.example.WidgetSpec", spec, "com.example.Unused", unused))
            .build();
    JsonNode schemas = document.get("components").get("schemas");
    assertThat(schemas.propertyNames())
        .containsExactlyInAnyOrder("com.example.Widget", "com.example.WidgetSpec");
    // a $ref with siblings is wrapped in allOf, as upstream does; the input is not changed
    assertThat(canonical(schemas.get("com.example.Widget").get("properties").get("spec")))
        .isEqualTo(
            "{\"allOf\":[{\"$ref\":\"#/components/schemas/com.example.WidgetSpec\"}],"
                + "\"description\":\"the spec\"}");
    assertThat(widget.get("properties").get("spec").has("$ref")).isTrue();
  }

  @Test
  void groupVersionKindIncludesTheSchemaAndListsTheKindsSorted() {
    JsonNode widget =
        json(
            "{\"type\":\"object\",\"x-kubernetes-group-version-kind\":"
                + "[{\"group\":\"example.com\",\"kind\":\"Widget\",\"version\":\"v2\"}]}");
    JsonNode document =
        OpenApiDocumentBuilder.builder()
            .referenceSchemas(Map.of("com.example.Widget", widget))
            .groupVersionKind(
                "com.example.Widget", GroupVersionKind.of("example.com", "v1", "Widget"))
            .build();
    assertThat(
            canonical(
                document
                    .get("components")
                    .get("schemas")
                    .get("com.example.Widget")
                    .get("x-kubernetes-group-version-kind")))
        .isEqualTo(
            "[{\"group\":\"example.com\",\"kind\":\"Widget\",\"version\":\"v1\"},"
                + "{\"group\":\"example.com\",\"kind\":\"Widget\",\"version\":\"v2\"}]");
    assertThat(widget.get("x-kubernetes-group-version-kind").size()).isEqualTo(1);
  }

  @Test
  void anUnknownSchemaFailsTheBuildNamingIt() {
    WebService ws =
        WebService.builder("/apis/example.com/v1")
            .route(
                Route.builder("GET", "/widgets")
                    .operationId("listWidget")
                    .writes(SchemaRef.component("com.example.WidgetList"))
                    .to(r -> {})
                    .build())
            .build();
    assertThatThrownBy(() -> OpenApiDocumentBuilder.builder().webService(ws).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example.WidgetList")
        .hasMessageContaining("GET /apis/example.com/v1/widgets");
  }

  @Test
  void twoWebServicesWithTheSamePathFail() {
    WebService a =
        WebService.builder("/apis/x").route(Route.builder("GET", "").to(r -> {}).build()).build();
    assertThatThrownBy(() -> OpenApiDocumentBuilder.builder().webService(a).webService(a).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/apis/x/");
  }

  @Test
  void aParameterThatIsNotAPrimitiveIsRejected() {
    WebService ws =
        WebService.builder("/apis/x")
            .route(
                Route.builder("GET", "")
                    .param(new Parameter("selector", Parameter.Kind.QUERY, "map", "", false))
                    .to(r -> {})
                    .build())
            .build();
    assertThatThrownBy(() -> OpenApiDocumentBuilder.builder().webService(ws).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selector");
  }

  @Test
  void apimachinerySchemasAreCopies() {
    Map<String, JsonNode> first = OpenApiDocumentBuilder.apimachinerySchemas();
    ((ObjectNode) first.get("io.k8s.apimachinery.pkg.apis.meta.v1.Status")).removeAll();
    assertThat(
            OpenApiDocumentBuilder.apimachinerySchemas()
                .get("io.k8s.apimachinery.pkg.apis.meta.v1.Status")
                .has("properties"))
        .isTrue();
    assertThat(first.keySet())
        .contains(
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList",
            "io.k8s.apimachinery.pkg.version.Info");
  }

  @Test
  void schemaRefRejectsPrefixedNamesAndUnknownPrimitives() {
    assertThatThrownBy(() -> SchemaRef.component("#/components/schemas/x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SchemaRef.primitive("map"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(canonical(SchemaRef.primitive("string").toSchema()))
        .isEqualTo("{\"type\":\"string\"}");
    assertThat(List.of(SchemaRef.component("a/b").toSchema().get("$ref").asString()))
        .containsExactly("#/components/schemas/a~1b");
  }

  private static JsonNode json(String text) {
    return ApiCodec.json().decode(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
  }
}
