package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static io.kapi.server.endpoints.TestApi.widget;
import static org.assertj.core.api.Assertions.assertThat;

import io.kapi.api.errors.FieldError;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ObjectSchemaHook;
import io.kapi.server.registry.ResourceDefinition;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CreateTest {
  private static final String WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";

  private TestApi api;

  @BeforeEach
  void start() {
    api = TestApi.start(b -> b.namespaceChecker(ns -> !ns.equals("missing")));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void createAnswers201WithTheStoredObject() throws Exception {
    HttpResponse<String> response = api.post(WIDGETS, widget("a", "red"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode created = json(response);
    JsonNode meta = created.path("metadata");
    assertThat(meta.path("namespace").asString()).isEqualTo("default");
    assertThat(meta.path("uid").asString()).matches("[0-9a-f-]{36}");
    assertThat(meta.path("creationTimestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(meta.path("generation").asLong()).isEqualTo(1);
    assertThat(meta.path("resourceVersion").asString())
        .isEqualTo(Long.toString(api.storage.currentRevision()));
    assertThat(api.get(WIDGETS + "/a").body()).isEqualTo(response.body());
  }

  @Test
  void invalidNameIs422WithUpstreamStatus() throws Exception {
    HttpResponse<String> response = api.post(WIDGETS, widget("A_b", "red"));

    String detail =
        "Invalid value: \\\"A_b\\\": a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
            + " character (e.g. 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Widget.example.com \\\"A_b\\\" is invalid: metadata.name: "
                + detail
                + "\",\"reason\":\"Invalid\",\"details\":{\"name\":\"A_b\",\"group\":\"example.com\","
                + "\"kind\":\"Widget\",\"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\""
                + detail
                + "\",\"field\":\"metadata.name\"}]},\"code\":422}\n");
  }

  @Test
  void namespaceMismatchIs400() throws Exception {
    String body = widget("a", "red").replace("\"name\":\"a\"", "\"name\":\"a\",\"namespace\":\"other\"");

    HttpResponse<String> response = api.post(WIDGETS, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"the namespace of the provided object does not match the namespace"
                + " sent on the request\",\"reason\":\"BadRequest\",\"code\":400}\n");
  }

  @Test
  void resourceVersionOnCreateIsA500WithoutReason() throws Exception {
    String body = widget("a", "red").replace("\"name\":\"a\"", "\"name\":\"a\",\"resourceVersion\":\"7\"");

    HttpResponse<String> response = api.post(WIDGETS, body);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"resourceVersion should not be set on objects to be created\","
                + "\"code\":500}\n");
  }

  @Test
  void duplicateIs409AlreadyExists() throws Exception {
    api.createWidget("default", "a", "red");

    HttpResponse<String> response = api.post(WIDGETS, widget("a", "blue"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"widgets.example.com \\\"a\\\" already exists\",\"reason\":\"AlreadyExists\","
                + "\"details\":{\"name\":\"a\",\"group\":\"example.com\",\"kind\":\"widgets\"},\"code\":409}\n");
  }

  @Test
  void missingNamespaceIs404() throws Exception {
    HttpResponse<String> response =
        api.post("/apis/example.com/v1/namespaces/missing/widgets", widget("a", "red"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"namespaces \\\"missing\\\" not found\",\"reason\":\"NotFound\","
                + "\"details\":{\"name\":\"missing\",\"kind\":\"namespaces\"},\"code\":404}\n");
  }

  @Test
  void kindAndApiVersionMustMatchTheEndpoint() throws Exception {
    HttpResponse<String> kind = api.post(WIDGETS, widget("a", "red").replace("\"Widget\"", "\"Gadget\""));
    HttpResponse<String> version =
        api.post(WIDGETS, widget("a", "red").replace("example.com/v1", "example.com/v9"));
    HttpResponse<String> missing =
        api.post(WIDGETS, "{\"metadata\":{\"name\":\"b\"}}");

    assertThat(kind.statusCode()).isEqualTo(422);
    assertThat(json(kind).path("message").asString())
        .isEqualTo("Widget.example.com \"a\" is invalid: kind: Invalid value: \"Gadget\": must be Widget");
    assertThat(version.statusCode()).isEqualTo(400);
    assertThat(json(version).path("message").asString())
        .isEqualTo(
            "the API version in the data (example.com/v9) does not match the expected API version"
                + " (example.com/v1)");
    assertThat(missing.statusCode()).isEqualTo(201);
    assertThat(json(missing).path("kind").asString()).isEqualTo("Widget");
    assertThat(json(missing).path("apiVersion").asString()).isEqualTo("example.com/v1");
  }

  @Test
  void generateNameAppendsFiveRandomCharacters() throws Exception {
    HttpResponse<String> response =
        api.post(WIDGETS, widget("a", "red").replace("\"name\":\"a\"", "\"generateName\":\"web-\""));

    assertThat(response.statusCode()).isEqualTo(201);
    String name = json(response).path("metadata").path("name").asString();
    assertThat(name).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(json(response).path("metadata").path("generateName").asString()).isEqualTo("web-");
    assertThat(api.get(WIDGETS + "/" + name).statusCode()).isEqualTo(200);
  }

  @Test
  void dryRunAnswersAsIfCreatedButPersistsNothing() throws Exception {
    long revision = api.storage.currentRevision();

    HttpResponse<String> response = api.post(WIDGETS + "?dryRun=All", widget("a", "red"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).path("metadata").path("uid").asString()).isNotEmpty();
    assertThat(api.storage.currentRevision()).isEqualTo(revision);
    assertThat(api.get(WIDGETS + "/a").statusCode()).isEqualTo(404);
  }

  @Test
  void unknownDryRunValueIs422OnCreateOptions() throws Exception {
    HttpResponse<String> response = api.post(WIDGETS + "?dryRun=foo", widget("a", "red"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"CreateOptions.meta.k8s.io \\\"\\\" is invalid: dryRun: Unsupported"
                + " value: []string{\\\"foo\\\"}: supported values: \\\"All\\\"\",\"reason\":\"Invalid\","
                + "\"details\":{\"group\":\"meta.k8s.io\",\"kind\":\"CreateOptions\",\"causes\":["
                + "{\"reason\":\"FieldValueNotSupported\",\"message\":\"Unsupported value:"
                + " []string{\\\"foo\\\"}: supported values: \\\"All\\\"\",\"field\":\"dryRun\"}]},"
                + "\"code\":422}\n");
  }

  @Test
  void yamlInAndOut() throws Exception {
    String yaml =
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: yw\nspec:\n  color: green\n";

    HttpResponse<String> response =
        api.post(WIDGETS, yaml, "Content-Type", "application/yaml", "Accept", "application/yaml");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(response.body()).startsWith("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n")
        .contains("  name: yw\n", "spec:\n  color: green\n");
  }

  @Test
  void malformedBodiesAre400() throws Exception {
    HttpResponse<String> json = api.post(WIDGETS, "{\"metadata\": ");
    HttpResponse<String> notObject = api.post(WIDGETS, "[1,2]");
    HttpResponse<String> yaml =
        api.post(WIDGETS, "metadata: [\n", "Content-Type", "application/yaml");

    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(json(json).path("reason").asString()).isEqualTo("BadRequest");
    assertThat(json(json).path("message").asString())
        .startsWith(
            "the object provided is unrecognized (must be of type Widget): couldn't get"
                + " version/kind; json parse error: ")
        .endsWith("({\"metadata\": )");
    assertThat(notObject.statusCode()).isEqualTo(400);
    assertThat(json(notObject).path("message").asString()).endsWith("(5b312c325d)");
    assertThat(yaml.statusCode()).isEqualTo(400);
    assertThat(json(yaml).path("message").asString())
        .startsWith(
            "the object provided is unrecognized (must be of type Widget): error converting YAML to JSON: ");
  }

  @Test
  void clusterScopedObjectsLoseAnyNamespace() throws Exception {
    HttpResponse<String> response =
        api.post(
            "/apis/example.com/v1/gadgets",
            "{\"kind\":\"Gadget\",\"apiVersion\":\"example.com/v1\",\"metadata\":{\"name\":\"g\",\"namespace\":\"x\"}}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(json(response).path("metadata").has("namespace")).isFalse();
    assertThat(api.storage.get("/registry/example.com/gadgets/g")).isPresent();
  }

  @Test
  void unknownFieldsWarnByDefaultAndFailWhenStrict() throws Exception {
    ObjectSchemaHook knownSpecColor =
        new ObjectSchemaHook() {
          @Override
          public List<String> prune(ObjectNode object) {
            if (object.get("spec") instanceof ObjectNode spec && spec.has("foo")) {
              spec.remove("foo");
              return List.of("spec.foo");
            }
            return List.of();
          }

          @Override
          public List<FieldError> validate(ObjectNode object) {
            return List.of();
          }

          @Override
          public void applyDefaults(ObjectNode object) {}
        };
    ApiGroupInfo group =
        ApiGroupInfo.builder("example.com")
            .version("v1", ResourceDefinition.builder("widgets", "Widget").schema(knownSpecColor).build())
            .build();
    api.close();
    api = TestApi.start(b -> b, group);
    String body = widget("a", "red").replace("\"color\":\"red\"", "\"color\":\"red\",\"foo\":1");

    HttpResponse<String> warned = api.post(WIDGETS, body);
    HttpResponse<String> strict = api.post(WIDGETS + "?fieldValidation=Strict", body.replace("\"a\"", "\"b\""));
    HttpResponse<String> ignored = api.post(WIDGETS + "?fieldValidation=Ignore", body.replace("\"a\"", "\"c\""));
    HttpResponse<String> bad = api.post(WIDGETS + "?fieldValidation=Loud", body.replace("\"a\"", "\"d\""));

    assertThat(warned.statusCode()).isEqualTo(201);
    assertThat(warned.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"spec.foo\\\"\"");
    assertThat(json(warned).path("spec").has("foo")).isFalse();
    assertThat(strict.statusCode()).isEqualTo(400);
    assertThat(json(strict).path("message").asString()).isEqualTo("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.foo\"");
    assertThat(ignored.statusCode()).isEqualTo(201);
    assertThat(ignored.headers().allValues("Warning")).isEmpty();
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(json(bad).path("message").asString())
        .isEqualTo(
            "CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loud\":"
                + " supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
  }
}
