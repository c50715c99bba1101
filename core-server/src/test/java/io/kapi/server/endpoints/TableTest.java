package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TableTest {
  private static final String V1 = "/apis/example.com/v1";
  private static final String WIDGETS = V1 + "/namespaces/default/widgets";
  private static final String KUBECTL_ACCEPT =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
          + "application/json";
  private static final String NOT_ACCEPTABLE =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"only the following media types are accepted: application/json,"
          + " application/yaml\",\"reason\":\"NotAcceptable\",\"code\":406}\n";

  private TestApi api;

  @BeforeEach
  void start() {
    api = TestApi.start();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void kubectlGetReceivesTheDefaultTable() throws Exception {
    JsonNode a = api.createWidget("default", "a", "red");
    JsonNode meta = a.path("metadata");

    HttpResponse<String> response = api.get(WIDGETS + "?limit=500", "Accept", KUBECTL_ACCEPT);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\""
                + meta.path("resourceVersion").asString()
                + "\"},\"columnDefinitions\":["
                + "{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"description\":\""
                + TableConverter.NAME_DESCRIPTION
                + "\",\"priority\":0},"
                + "{\"name\":\"Created At\",\"type\":\"date\",\"format\":\"\",\"description\":\""
                + TableConverter.CREATED_AT_DESCRIPTION.replace("\n", "\\n")
                + "\",\"priority\":0}],"
                + "\"rows\":[{\"cells\":[\"a\",\""
                + meta.path("creationTimestamp").asString()
                + "\"],\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\","
                + "\"metadata\":{\"name\":\"a\",\"namespace\":\"default\",\"uid\":\""
                + meta.path("uid").asString()
                + "\",\"resourceVersion\":\""
                + meta.path("resourceVersion").asString()
                + "\",\"generation\":1,\"creationTimestamp\":\""
                + meta.path("creationTimestamp").asString()
                + "\"}}}]}\n");
  }

  @Test
  void v1beta1TablesAndSingleObjects() throws Exception {
    api.createWidget("default", "a", "red");

    JsonNode table =
        json(api.get(WIDGETS + "/a", "Accept", "application/json;as=Table;v=v1beta1;g=meta.k8s.io"));

    assertThat(table.path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1beta1");
    assertThat(table.path("rows")).hasSize(1);
    assertThat(table.path("rows").get(0).path("object").path("apiVersion").asString())
        .isEqualTo("meta.k8s.io/v1beta1");
  }

  @Test
  void authorColumnsFollowTheName() throws Exception {
    api.post(
        V1 + "/gadgets",
        "{\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\"},\"spec\":{\"color\":\"teal\",\"size\":3}}");

    JsonNode table = json(api.get(V1 + "/gadgets", "Accept", KUBECTL_ACCEPT));

    assertThat(table.path("columnDefinitions").valueStream().map(c -> c.path("name").asString()).toList())
        .containsExactly("Name", "Color", "Size", "Age");
    assertThat(table.path("columnDefinitions").get(2).path("priority").asInt()).isEqualTo(1);
    JsonNode cells = table.path("rows").get(0).path("cells");
    assertThat(cells.get(0).asString()).isEqualTo("g");
    assertThat(cells.get(1).asString()).isEqualTo("teal");
    assertThat(cells.get(2).asInt()).isEqualTo(3);
    assertThat(cells.get(3).asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void includeObjectChoosesWhatRowsCarry() throws Exception {
    JsonNode a = api.createWidget("default", "a", "red");

    JsonNode none =
        json(api.get(WIDGETS + "?includeObject=None", "Accept", KUBECTL_ACCEPT));
    JsonNode object =
        json(api.get(WIDGETS + "?includeObject=Object", "Accept", KUBECTL_ACCEPT));
    HttpResponse<String> bad = api.get(WIDGETS + "?includeObject=Some", "Accept", KUBECTL_ACCEPT);

    assertThat(none.path("rows").get(0).get("object").isNull()).isTrue();
    assertThat(object.path("rows").get(0).path("object")).isEqualTo(a);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("message").asString())
        .isEqualTo(
            "Unable to convert to Table as requested: includeObject: Unsupported value: \"Some\":"
                + " supported values: \"\", \"Metadata\", \"None\", \"Object\"");
  }

  @Test
  void tableWatchSendsColumnDefinitionsOnlyFirst() throws Exception {
    api.createWidget("default", "a", "red");

    try (WatchLines watch = WatchLines.open(api, WIDGETS + "?watch=true", "Accept", KUBECTL_ACCEPT)) {
      JsonNode first = watch.next();
      assertThat(first.path("type").asString()).isEqualTo("ADDED");
      assertThat(first.path("object").path("kind").asString()).isEqualTo("Table");
      assertThat(first.path("object").path("columnDefinitions")).hasSize(2);
      assertThat(first.path("object").path("rows").get(0).path("cells").get(0).asString()).isEqualTo("a");
      api.createWidget("default", "b", "red");
      JsonNode second = watch.next();
      assertThat(second.path("object").get("columnDefinitions").isNull()).isTrue();
      assertThat(second.path("object").path("rows").get(0).path("cells").get(0).asString()).isEqualTo("b");
    }
  }

  @Test
  void partialObjectMetadataForObjectsAndLists() throws Exception {
    JsonNode a = api.createWidget("default", "a", "red");

    JsonNode one =
        json(api.get(WIDGETS + "/a", "Accept", "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io"));
    JsonNode list =
        json(api.get(WIDGETS, "Accept", "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io"));
    HttpResponse<String> singleForList =
        api.get(WIDGETS, "Accept", "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io");
    HttpResponse<String> listForSingle =
        api.get(WIDGETS + "/a", "Accept", "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io");

    assertThat(one.path("kind").asString()).isEqualTo("PartialObjectMetadata");
    assertThat(one.path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
    assertThat(one.path("metadata").path("uid")).isEqualTo(a.path("metadata").path("uid"));
    assertThat(one.has("spec")).isFalse();
    assertThat(list.path("kind").asString()).isEqualTo("PartialObjectMetadataList");
    assertThat(list.path("items").get(0).path("kind").asString()).isEqualTo("PartialObjectMetadata");
    assertThat(list.path("metadata").path("resourceVersion").asString()).isNotEmpty();
    assertThat(singleForList.statusCode()).isEqualTo(406);
    assertThat(json(singleForList).path("message").asString())
        .isEqualTo(
            "you requested PartialObjectMetadata, but the requested object is a list"
                + " (*unstructured.UnstructuredList)");
    assertThat(listForSingle.statusCode()).isEqualTo(406);
  }

  @Test
  void unsatisfiableAcceptIs406() throws Exception {
    api.createWidget("default", "a", "red");

    HttpResponse<String> tableV2 =
        api.get(WIDGETS, "Accept", "application/json;as=Table;v=v2;g=meta.k8s.io");
    HttpResponse<String> protobuf = api.get(WIDGETS, "Accept", "application/vnd.kubernetes.protobuf");

    assertThat(tableV2.statusCode()).isEqualTo(406);
    assertThat(tableV2.body()).isEqualTo(NOT_ACCEPTABLE);
    assertThat(protobuf.statusCode()).isEqualTo(406);
    assertThat(protobuf.body()).isEqualTo(NOT_ACCEPTABLE);
  }
}
