package io.kapi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input for every verb against core/v1 resources, through the whole chain over HTTPS: each
 * request gets upstream's exact Status, writes nothing (the lists and their resourceVersion are
 * unchanged afterwards) and leaves the server serving (a good request afterwards succeeds).
 */
class BadInputTest {
  @TempDir static Path dataDir;

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String JSON_TYPE = "application/json";
  private static final String YAML_TYPE = "application/yaml";
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
  private static final String KEEP = CONFIGMAPS + "/keep";
  private static final List<String> WATCHED_LISTS =
      List.of(CONFIGMAPS, "/api/v1/namespaces", "/api/v1/namespaces/default/services");
  private static final String SUBDOMAIN_MESSAGE =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
          + " used for validation is"
          + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String PATCH_TYPES =
      "the body of the request was in an unknown format - accepted media types include:"
          + " application/json-patch+json, application/merge-patch+json,"
          + " application/strategic-merge-patch+json";

  private static StartedServer server;
  private List<String> before = List.of();

  @BeforeAll
  static void start() throws Exception {
    server = new StartedServer(dataDir, 0);
    HttpResponse<String> created =
        send(
            "POST",
            CONFIGMAPS,
            JSON_TYPE,
            "{\"metadata\":{\"name\":\"keep\"},\"data\":{\"a\":\"b\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void snapshot() throws Exception {
    before = lists();
  }

  /** Nothing was written and the server still answers a good request. */
  @AfterEach
  void unchangedAndServing() throws Exception {
    assertThat(lists()).isEqualTo(before);
    HttpResponse<String> good = send("GET", KEEP, null, null);
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(good.body()).at("/data/a").asString()).isEqualTo("b");
  }

  private static List<String> lists() throws Exception {
    String[] bodies = new String[WATCHED_LISTS.size()];
    for (int i = 0; i < bodies.length; i++) {
      HttpResponse<String> list = send("GET", WATCHED_LISTS.get(i), null, null);
      assertThat(list.statusCode()).isEqualTo(200);
      bodies[i] = list.body();
    }
    return Arrays.asList(bodies);
  }

  // ------------------------------------------------------------------ bodies of create/update

  @Test
  void truncatedJsonOnCreateIsUnrecognizedObject() throws Exception {
    assertStatus(
        send("POST", CONFIGMAPS, JSON_TYPE, "{\"kind\":"),
        400,
        "BadRequest",
        "the object provided is unrecognized (must be of type ConfigMap): couldn't get"
            + " version/kind; json parse error: unexpected end of JSON input ({\"kind\":)");
  }

  @Test
  void invalidJsonOnUpdateIsUnrecognizedObject() throws Exception {
    assertStatus(
        send("PUT", KEEP, JSON_TYPE, "{bad"),
        400,
        "BadRequest",
        "the object provided is unrecognized (must be of type ConfigMap): couldn't get"
            + " version/kind; json parse error: invalid character 'b' looking for beginning of"
            + " object key string ({bad)");
  }

  @Test
  void malformedYamlOnCreateIsUnrecognizedObject() throws Exception {
    assertStatus(
        send("POST", CONFIGMAPS, YAML_TYPE, "a: b: c"),
        400,
        "BadRequest",
        "the object provided is unrecognized (must be of type ConfigMap): error converting YAML to"
            + " JSON: yaml: line 1: mapping values are not allowed in this context"
            + " (613a20623a2063)");
  }

  @Test
  void emptyBodyOnCreateAndUpdateIsUnrecognizedObject() throws Exception {
    String expected =
        "the object provided is unrecognized (must be of type ConfigMap): couldn't get"
            + " version/kind; json parse error: unexpected end of JSON input (<empty>)";
    assertStatus(send("POST", CONFIGMAPS, JSON_TYPE, ""), 400, "BadRequest", expected);
    assertStatus(send("PUT", KEEP, JSON_TYPE, ""), 400, "BadRequest", expected);
  }

  @Test
  void nullDocumentIsAnEmptyObjectOfTheType() throws Exception {
    // upstream's typed decoder leaves the new ConfigMap empty; validation answers
    for (String[] typeAndBody :
        List.of(new String[] {JSON_TYPE, "null"}, new String[] {YAML_TYPE, ""})) {
      assertInvalid(
          send("POST", CONFIGMAPS, typeAndBody[0], typeAndBody[1]),
          "ConfigMap",
          "",
          "metadata.name",
          "FieldValueRequired",
          "Required value: name or generateName is required");
    }
    assertStatus(
        send("PUT", KEEP, JSON_TYPE, "null"),
        400,
        "BadRequest",
        "the name of the object () does not match the name on the URL (keep)");
  }

  @Test
  void jsonArrayInsteadOfObjectIsUnrecognizedObject() throws Exception {
    HttpResponse<String> response =
        send("POST", CONFIGMAPS, JSON_TYPE, "[{\"kind\":\"ConfigMap\"}]");
    assertStatus(response, 400, "BadRequest", null);
    assertThat(message(response))
        .isEqualTo(
            "the object provided is unrecognized (must be of type ConfigMap): couldn't get"
                + " version/kind; json parse error: json: cannot unmarshal array into Go value of"
                + " type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind"
                + " string \"json:\\\"kind,omitempty\\\"\" }"
                + " (5b7b226b696e64223a22436f6e6669674d6170227d5d)");
  }

  @Test
  void wrongApiVersionIsNotRegisteredInTheScheme() throws Exception {
    assertStatus(
        send(
            "POST",
            CONFIGMAPS,
            JSON_TYPE,
            "{\"apiVersion\":\"v2\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}"),
        400,
        "BadRequest",
        "ConfigMap in version \"v2\" cannot be handled as a ConfigMap: no kind \"ConfigMap\" is"
            + " registered for version \"v2\" in scheme"
            + " \"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30\"");
  }

  @Test
  void kindOfAnotherResourceCannotBeConverted() throws Exception {
    assertStatus(
        send(
            "PUT",
            KEEP,
            JSON_TYPE,
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"keep\"}}"),
        400,
        "BadRequest",
        "Secret in version \"v1\" cannot be handled as a ConfigMap: converting (v1.Secret) to"
            + " (core.ConfigMap): unknown conversion");
  }

  @Test
  void unknownKindIsNotRegisteredInTheScheme() throws Exception {
    assertStatus(
        send(
            "POST",
            CONFIGMAPS,
            JSON_TYPE,
            "{\"apiVersion\":\"v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"x\"}}"),
        400,
        "BadRequest",
        "Widget in version \"v1\" cannot be handled as a ConfigMap: no kind \"Widget\" is"
            + " registered for version \"v1\" in scheme"
            + " \"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30\"");
  }

  @Test
  void wrongValueTypeIsCannotBeHandled() throws Exception {
    assertStatus(
        send(
            "POST",
            CONFIGMAPS,
            JSON_TYPE,
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"},\"data\":{\"a\":5}}"),
        400,
        "BadRequest",
        "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal"
            + " number into Go struct field ConfigMap.data of type string");
  }

  // ------------------------------------------------------------------ names and namespaces

  @Test
  void configMapNameMustBeDnsSubdomain() throws Exception {
    assertInvalid(
        send("POST", CONFIGMAPS, JSON_TYPE, "{\"metadata\":{\"name\":\"Bad_Name\"}}"),
        "ConfigMap",
        "Bad_Name",
        "metadata.name",
        "FieldValueInvalid",
        "Invalid value: \"Bad_Name\": " + SUBDOMAIN_MESSAGE);
  }

  @Test
  void configMapNameOver253CharactersIsTooLong() throws Exception {
    String name = "a".repeat(254);
    assertInvalid(
        send("POST", CONFIGMAPS, JSON_TYPE, "{\"metadata\":{\"name\":\"" + name + "\"}}"),
        "ConfigMap",
        name,
        "metadata.name",
        "FieldValueInvalid",
        "Invalid value: \"" + name + "\": must be no more than 253 characters");
  }

  @Test
  void namespaceNameMustBeDnsLabel() throws Exception {
    assertInvalid(
        send("POST", "/api/v1/namespaces", JSON_TYPE, "{\"metadata\":{\"name\":\"a.b\"}}"),
        "Namespace",
        "a.b",
        "metadata.name",
        "FieldValueInvalid",
        "Invalid value: \"a.b\": a lowercase RFC 1123 label must consist of lower case"
            + " alphanumeric characters or '-', and must start and end with an alphanumeric"
            + " character (e.g. 'my-name',  or '123-abc', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void namespaceNameOver63CharactersIsTooLong() throws Exception {
    String name = "n".repeat(64);
    assertInvalid(
        send("POST", "/api/v1/namespaces", JSON_TYPE, "{\"metadata\":{\"name\":\"" + name + "\"}}"),
        "Namespace",
        name,
        "metadata.name",
        "FieldValueInvalid",
        "Invalid value: \"" + name + "\": must be no more than 63 characters");
  }

  @Test
  void serviceNameMustBeDns1035Label() throws Exception {
    assertInvalid(
        send(
            "POST",
            "/api/v1/namespaces/default/services",
            JSON_TYPE,
            "{\"metadata\":{\"name\":\"1abc\"},\"spec\":{\"ports\":[{\"port\":80}]}}"),
        "Service",
        "1abc",
        "metadata.name",
        "FieldValueInvalid",
        "Invalid value: \"1abc\": a DNS-1035 label must consist of lower case alphanumeric"
            + " characters or '-', start with an alphabetic character, and end with an"
            + " alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation"
            + " is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void missingNameWithoutGenerateNameIsRequired() throws Exception {
    HttpResponse<String> response =
        send("POST", CONFIGMAPS, JSON_TYPE, "{\"metadata\":{},\"data\":{\"a\":\"b\"}}");
    assertInvalid(
        response,
        "ConfigMap",
        "",
        "metadata.name",
        "FieldValueRequired",
        "Required value: name or generateName is required");
    assertThat(JSON.readTree(response.body()).get("details").has("name")).isFalse();
  }

  @Test
  void namespaceInBodyMustMatchTheUrl() throws Exception {
    assertStatus(
        send(
            "POST",
            CONFIGMAPS,
            JSON_TYPE,
            "{\"metadata\":{\"name\":\"x\",\"namespace\":\"other\"}}"),
        400,
        "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request");
  }

  @Test
  void resourceVersionOnCreateIsUpstreamsUntypedStorageError() throws Exception {
    // upstream's etcd3 store returns a plain error here, which the handler writes as 500 Unknown
    HttpResponse<String> response =
        send(
            "POST",
            CONFIGMAPS,
            JSON_TYPE,
            "{\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"5\"}}");
    assertStatus(response, 500, "", "resourceVersion should not be set on objects to be created");
  }

  @Test
  void nameMismatchOnUpdateIsBadRequest() throws Exception {
    assertStatus(
        send("PUT", KEEP, JSON_TYPE, "{\"metadata\":{\"name\":\"other\"},\"data\":{\"a\":\"z\"}}"),
        400,
        "BadRequest",
        "the name of the object (other) does not match the name on the URL (keep)");
  }

  @Test
  void namespaceMismatchOnUpdateIsBadRequest() throws Exception {
    assertStatus(
        send("PUT", KEEP, JSON_TYPE, "{\"metadata\":{\"name\":\"keep\",\"namespace\":\"other\"}}"),
        400,
        "BadRequest",
        "the namespace of the object (other) does not match the namespace on the request"
            + " (default)");
  }

  @Test
  void staleOrMalformedResourceVersionOnUpdateIsConflict() throws Exception {
    String conflict =
        "Operation cannot be fulfilled on configmaps \"keep\": the object has been modified;"
            + " please apply your changes to the latest version and try again";
    for (String rv : List.of("1", "abc")) {
      HttpResponse<String> response =
          send(
              "PUT",
              KEEP,
              JSON_TYPE,
              "{\"metadata\":{\"name\":\"keep\",\"resourceVersion\":\""
                  + rv
                  + "\"},\"data\":{\"a\":\"z\"}}");
      assertStatus(response, 409, "Conflict", conflict);
      assertDetails(response, "keep", "configmaps");
    }
  }

  @Test
  void updateOfMissingObjectIsNotFound() throws Exception {
    HttpResponse<String> response =
        send("PUT", CONFIGMAPS + "/missing", JSON_TYPE, "{\"metadata\":{\"name\":\"missing\"}}");
    assertStatus(response, 404, "NotFound", "configmaps \"missing\" not found");
    assertDetails(response, "missing", "configmaps");
  }

  // ------------------------------------------------------------------ selectors and list params

  @Test
  void invalidLabelSelectorIsBadRequestForListWatchAndDeleteCollection() throws Exception {
    assertBadRequestForListWatchAndDeleteCollection(
        "?labelSelector=a%20in%20(b",
        "unable to parse requirement: found '', expected: ',' or ')'");
  }

  @Test
  void labelSelectorWithoutOperatorIsBadRequest() throws Exception {
    assertStatus(
        send("GET", CONFIGMAPS + "?labelSelector=a%20b", null, null),
        400,
        "BadRequest",
        "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
    assertStatus(
        send("GET", CONFIGMAPS + "?labelSelector=!!", null, null),
        400,
        "BadRequest",
        "unable to parse requirement: found '!', expected: identifier");
  }

  @Test
  void invalidLabelValueIsBadRequest() throws Exception {
    assertStatus(
        send("GET", CONFIGMAPS + "?labelSelector=a%3Db_", null, null),
        400,
        "BadRequest",
        "unable to parse requirement: values[0][a]: Invalid value: \"b_\": a valid label must be an"
            + " empty string or consist of alphanumeric characters, '-', '_' or '.', and must start"
            + " and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or"
            + " '12345', regex used for validation is"
            + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  }

  @Test
  void fieldSelectorWithoutOperatorIsBadRequest() throws Exception {
    assertStatus(
        send("GET", CONFIGMAPS + "?fieldSelector=foo", null, null),
        400,
        "BadRequest",
        "invalid selector: 'foo'; can't understand 'foo'");
  }

  @Test
  void unsupportedFieldLabelIsBadRequestForListWatchAndDeleteCollection() throws Exception {
    assertBadRequestForListWatchAndDeleteCollection(
        "?fieldSelector=spec.foo%3Db", "field label not supported: spec.foo");
  }

  private void assertBadRequestForListWatchAndDeleteCollection(String query, String message)
      throws Exception {
    assertStatus(send("GET", CONFIGMAPS + query, null, null), 400, "BadRequest", message);
    assertStatus(
        send("GET", CONFIGMAPS + query + "&watch=true", null, null), 400, "BadRequest", message);
    assertStatus(send("DELETE", CONFIGMAPS + query, null, null), 400, "BadRequest", message);
  }

  @Test
  void undecodableContinueTokenIsBadRequest() throws Exception {
    assertStatus(
        send("GET", CONFIGMAPS + "?limit=1&continue=garbage", null, null),
        400,
        "BadRequest",
        "invalid continue token: continue key is not valid: invalid character '\\u0081' looking"
            + " for beginning of value");
  }

  @Test
  void continueTokenWithoutStartKeyIsBadRequest() throws Exception {
    // {"v":"meta.k8s.io/v1","rv":1,"start":""}
    assertStatus(
        send(
            "GET",
            CONFIGMAPS + "?continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiIifQ",
            null,
            null),
        400,
        "BadRequest",
        "invalid continue token: continue key is not valid: encoded start key empty (version"
            + " meta.k8s.io/v1)");
  }

  @Test
  void malformedLimitIsBadRequest() throws Exception {
    assertStatus(
        send("GET", CONFIGMAPS + "?limit=abc", null, null),
        400,
        "BadRequest",
        "strconv.ParseInt: parsing \"abc\": invalid syntax");
  }

  @Test
  void negativeLimitListsEverything() throws Exception {
    HttpResponse<String> response = send("GET", CONFIGMAPS + "?limit=-1", null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).at("/metadata").has("continue")).isFalse();
    assertThat(response.body()).isEqualTo(before.get(0));
  }

  @Test
  void malformedResourceVersionIsBadRequestForGetListWatchAndDeleteCollection() throws Exception {
    String message =
        "invalid resource version: resourceVersion: Invalid value: \"abc\": strconv.ParseUint:"
            + " parsing \"abc\": invalid syntax";
    assertStatus(
        send("GET", KEEP + "?resourceVersion=abc", null, null), 400, "BadRequest", message);
    assertStatus(
        send("GET", CONFIGMAPS + "?resourceVersion=abc", null, null), 400, "BadRequest", message);
    assertStatus(
        send("GET", CONFIGMAPS + "?watch=true&resourceVersion=abc", null, null),
        400,
        "BadRequest",
        message);
    assertStatus(
        send("DELETE", CONFIGMAPS + "?resourceVersion=abc", null, null),
        400,
        "BadRequest",
        message);
  }

  @Test
  void resourceVersionMatchWithoutResourceVersionIsInvalidListOptions() throws Exception {
    assertOptionsInvalid(
        send("GET", CONFIGMAPS + "?resourceVersionMatch=Exact", null, null),
        "ListOptions",
        "resourceVersionMatch",
        "FieldValueForbidden",
        "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
  }

  @Test
  void unsupportedResourceVersionMatchIsInvalidListOptions() throws Exception {
    assertOptionsInvalid(
        send("GET", CONFIGMAPS + "?resourceVersionMatch=Bogus&resourceVersion=1", null, null),
        "ListOptions",
        "resourceVersionMatch",
        "FieldValueNotSupported",
        "Unsupported value: \"Bogus\": supported values: \"Exact\", \"NotOlderThan\", \"\"");
  }

  @Test
  void exactMatchOfResourceVersionZeroIsInvalidListOptions() throws Exception {
    assertOptionsInvalid(
        send("GET", CONFIGMAPS + "?resourceVersionMatch=Exact&resourceVersion=0", null, null),
        "ListOptions",
        "resourceVersionMatch",
        "FieldValueForbidden",
        "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
  }

  @Test
  void resourceVersionMatchOnWatchWithoutInitialEventsIsInvalidListOptions() throws Exception {
    HttpResponse<String> response =
        send(
            "GET",
            CONFIGMAPS + "?watch=true&resourceVersionMatch=NotOlderThan&resourceVersion=1",
            null,
            null);
    assertOptionsInvalid(
        response,
        "ListOptions",
        "resourceVersionMatch",
        "FieldValueForbidden",
        "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is"
            + " provided");
  }

  @Test
  void malformedTimeoutSecondsOnWatchIsBadRequest() throws Exception {
    assertStatus(
        send("GET", CONFIGMAPS + "?watch=true&timeoutSeconds=abc", null, null),
        400,
        "BadRequest",
        "strconv.ParseInt: parsing \"abc\": invalid syntax");
  }

  @Test
  void unknownQueryParametersAreIgnored() throws Exception {
    HttpResponse<String> list = send("GET", CONFIGMAPS + "?bogusParam=1&another", null, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).isEqualTo(before.get(0));
    HttpResponse<String> get = send("GET", KEEP + "?bogusParam=1", null, null);
    assertThat(get.statusCode()).isEqualTo(200);
    HttpResponse<String> dryRunUpdate =
        send(
            "PUT",
            KEEP + "?bogusParam=1&dryRun=All",
            JSON_TYPE,
            "{\"metadata\":{\"name\":\"keep\"},\"data\":{\"a\":\"dry\"}}");
    assertThat(dryRunUpdate.statusCode()).as(dryRunUpdate.body()).isEqualTo(200);
    assertThat(JSON.readTree(dryRunUpdate.body()).at("/data/a").asString()).isEqualTo("dry");
  }

  @Test
  void getOfMissingObjectIsNotFound() throws Exception {
    HttpResponse<String> response = send("GET", CONFIGMAPS + "/missing", null, null);
    assertStatus(response, 404, "NotFound", "configmaps \"missing\" not found");
    assertDetails(response, "missing", "configmaps");
  }

  // ------------------------------------------------------------------ patch

  @Test
  void unknownPatchTypeIsUnsupportedMediaTypeListingTheSupportedOnes() throws Exception {
    assertStatus(send("PATCH", KEEP, "text/plain", "{}"), 415, "UnsupportedMediaType", PATCH_TYPES);
    assertStatus(send("PATCH", KEEP, JSON_TYPE, "{}"), 415, "UnsupportedMediaType", PATCH_TYPES);
    assertStatus(send("PATCH", KEEP, null, "{}"), 415, "UnsupportedMediaType", PATCH_TYPES);
  }

  @Test
  void jsonPatchThatIsNotAnArrayIsBadRequest() throws Exception {
    assertStatus(
        send("PATCH", KEEP, "application/json-patch+json", "{}"),
        400,
        "BadRequest",
        "error decoding patch: json: cannot unmarshal object into Go value of type"
            + " []handlers.jsonPatchOp");
  }

  @Test
  void malformedPatchOfEveryTypeIsBadRequest() throws Exception {
    for (String type :
        List.of(
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json")) {
      assertStatus(send("PATCH", KEEP, type, "{bad"), 400, "BadRequest", "invalid JSON patch");
    }
  }

  @Test
  void mergePatchThatIsNotAnObjectIsBadRequest() throws Exception {
    assertStatus(
        send("PATCH", KEEP, "application/merge-patch+json", "[]"),
        400,
        "BadRequest",
        "error decoding patch: json: cannot unmarshal array into Go value of type"
            + " map[string]interface {}");
  }

  @Test
  void failedJsonPatchOperationsAreInvalidWithoutDetail() throws Exception {
    for (String patch :
        List.of(
            "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"zzz\"}]",
            "[{\"op\":\"remove\",\"path\":\"/data/nope\"}]",
            "[{\"op\":\"bogus\",\"path\":\"/data\"}]")) {
      HttpResponse<String> response = send("PATCH", KEEP, "application/json-patch+json", patch);
      assertStatus(
          response,
          422,
          "Invalid",
          "the server rejected our request due to an error in our request");
      assertThat(JSON.readTree(response.body()).get("details").isEmpty()).as(patch).isTrue();
    }
  }

  @Test
  void patchProducingAnInvalidObjectIsRejected() throws Exception {
    assertStatus(
        send("PATCH", KEEP, "application/merge-patch+json", "{\"data\":{\"a\":5}}"),
        400,
        "BadRequest",
        "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal"
            + " number into Go struct field ConfigMap.data of type string");
    assertInvalid(
        send(
            "PATCH",
            KEEP,
            "application/merge-patch+json",
            "{\"metadata\":{\"finalizers\":[\"a/b\",\"a/b\"]}}"),
        "ConfigMap",
        "keep",
        "metadata.finalizers[1]",
        "FieldValueDuplicate",
        "Duplicate value: \"a/b\"");
  }

  @Test
  void patchChangingTheNameIsBadRequest() throws Exception {
    assertStatus(
        send(
            "PATCH",
            KEEP,
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/metadata/name\",\"value\":\"Bad_Name\"}]"),
        400,
        "BadRequest",
        "the name of the object (Bad_Name) does not match the name on the URL (keep)");
  }

  @Test
  void patchOfMissingObjectIsNotFound() throws Exception {
    for (String[] typeAndPatch :
        List.of(
            new String[] {"application/merge-patch+json", "{}"},
            new String[] {"application/json-patch+json", "[]"},
            new String[] {"application/strategic-merge-patch+json", "{}"})) {
      HttpResponse<String> response =
          send("PATCH", CONFIGMAPS + "/missing", typeAndPatch[0], typeAndPatch[1]);
      assertStatus(response, 404, "NotFound", "configmaps \"missing\" not found");
      assertDetails(response, "missing", "configmaps");
    }
  }

  // ------------------------------------------------------------------ options

  @Test
  void invalidDryRunIsInvalidOptionsForEveryWrite() throws Exception {
    String cause = "Unsupported value: []string{\"Bogus\"}: supported values: \"All\"";
    assertOptionsInvalid(
        send("POST", CONFIGMAPS + "?dryRun=Bogus", JSON_TYPE, "{\"metadata\":{\"name\":\"y\"}}"),
        "CreateOptions",
        "dryRun",
        "FieldValueNotSupported",
        cause);
    assertOptionsInvalid(
        send("PUT", KEEP + "?dryRun=Bogus", JSON_TYPE, "{\"metadata\":{\"name\":\"keep\"}}"),
        "UpdateOptions",
        "dryRun",
        "FieldValueNotSupported",
        cause);
    assertOptionsInvalid(
        send("PATCH", KEEP + "?dryRun=Bogus", "application/merge-patch+json", "{}"),
        "PatchOptions",
        "dryRun",
        "FieldValueNotSupported",
        cause);
    assertOptionsInvalid(
        send("DELETE", KEEP + "?dryRun=Bogus", null, null),
        "DeleteOptions",
        "dryRun",
        "FieldValueNotSupported",
        cause);
    assertOptionsInvalid(
        send("DELETE", CONFIGMAPS + "?dryRun=Bogus", null, null),
        "DeleteOptions",
        "dryRun",
        "FieldValueNotSupported",
        cause);
  }

  @Test
  void invalidFieldValidationIsInvalidCreateOptions() throws Exception {
    assertOptionsInvalid(
        send(
            "POST",
            CONFIGMAPS + "?fieldValidation=Bogus",
            JSON_TYPE,
            "{\"metadata\":{\"name\":\"y\"}}"),
        "CreateOptions",
        "fieldValidation",
        "FieldValueNotSupported",
        "Unsupported value: \"Bogus\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
  }

  @Test
  void invalidPropagationPolicyIsInvalidDeleteOptions() throws Exception {
    String cause =
        "Unsupported value: \"Bogus\": supported values: \"Foreground\", \"Background\","
            + " \"Orphan\", \"nil\"";
    assertOptionsInvalid(
        send("DELETE", KEEP + "?propagationPolicy=Bogus", null, null),
        "DeleteOptions",
        "propagationPolicy",
        "FieldValueNotSupported",
        cause);
    assertOptionsInvalid(
        send("DELETE", CONFIGMAPS + "?propagationPolicy=Bogus", null, null),
        "DeleteOptions",
        "propagationPolicy",
        "FieldValueNotSupported",
        cause);
    assertOptionsInvalid(
        send(
            "DELETE",
            KEEP,
            JSON_TYPE,
            "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Bogus\"}"),
        "DeleteOptions",
        "propagationPolicy",
        "FieldValueNotSupported",
        cause);
  }

  @Test
  void malformedGracePeriodSecondsIsBadRequest() throws Exception {
    String message = "strconv.ParseInt: parsing \"abc\": invalid syntax";
    assertStatus(
        send("DELETE", KEEP + "?gracePeriodSeconds=abc", null, null), 400, "BadRequest", message);
    assertStatus(
        send("DELETE", CONFIGMAPS + "?gracePeriodSeconds=abc", null, null),
        400,
        "BadRequest",
        message);
  }

  @Test
  void failedDeletePreconditionsAreConflicts() throws Exception {
    HttpResponse<String> response =
        send("DELETE", KEEP, JSON_TYPE, "{\"preconditions\":{\"uid\":\"not-the-uid\"}}");
    assertStatus(response, 409, "Conflict", null);
    assertThat(message(response))
        .startsWith(
            "Operation cannot be fulfilled on ConfigMap \"keep\": the UID in the precondition"
                + " (not-the-uid) does not match the UID in record (")
        .endsWith("). The object might have been deleted and then recreated");
    HttpResponse<String> stale =
        send("DELETE", KEEP, JSON_TYPE, "{\"preconditions\":{\"resourceVersion\":\"1\"}}");
    assertStatus(stale, 409, "Conflict", null);
    assertThat(message(stale))
        .startsWith(
            "Operation cannot be fulfilled on ConfigMap \"keep\": the ResourceVersion in the"
                + " precondition (1) does not match the ResourceVersion in record (")
        .endsWith("). The object might have been modified");
  }

  @Test
  void malformedDeleteOptionsBodyIsBadRequest() throws Exception {
    assertStatus(
        send("DELETE", KEEP, JSON_TYPE, "{bad"),
        400,
        "BadRequest",
        "couldn't get version/kind; json parse error: invalid character 'b' looking for"
            + " beginning of object key string");
    assertStatus(
        send("DELETE", CONFIGMAPS, JSON_TYPE, "[]"),
        400,
        "BadRequest",
        "couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of"
            + " type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string"
            + " \"json:\\\"kind,omitempty\\\"\" }");
  }

  @Test
  void deleteOfMissingObjectIsNotFound() throws Exception {
    HttpResponse<String> response = send("DELETE", CONFIGMAPS + "/missing", null, null);
    assertStatus(response, 404, "NotFound", "configmaps \"missing\" not found");
    assertDetails(response, "missing", "configmaps");
  }

  // ------------------------------------------------------------------ body limit

  @Test
  void bodyOverThreeMibWithContentLengthIsTooLarge() throws Exception {
    byte[] body = oversizedConfigMap();
    for (HttpClient.Version version : HttpClient.Version.values()) {
      HttpRequest request =
          request("POST", CONFIGMAPS, JSON_TYPE, HttpRequest.BodyPublishers.ofByteArray(body))
              .version(version)
              .build();
      HttpResponse<String> response =
          server.client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.version()).isEqualTo(version);
      assertStatus(
          response, 413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
    }
  }

  @Test
  void chunkedBodyOverThreeMibIsTooLarge() throws Exception {
    byte[] body = oversizedConfigMap();
    for (String method : List.of("POST", "PUT")) {
      HttpRequest request =
          request(
                  method,
                  method.equals("POST") ? CONFIGMAPS : KEEP,
                  JSON_TYPE,
                  HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      assertStatus(
          server.client.send(request, HttpResponse.BodyHandlers.ofString()),
          413,
          "RequestEntityTooLarge",
          "Request entity too large: limit is 3145728");
    }
  }

  @Test
  void patchOverThreeMibIsTooLarge() throws Exception {
    byte[] body = oversizedConfigMap();
    HttpRequest request =
        request(
                "PATCH",
                KEEP,
                "application/merge-patch+json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    assertStatus(
        server.client.send(request, HttpResponse.BodyHandlers.ofString()),
        413,
        "RequestEntityTooLarge",
        "Request entity too large: limit is 3145728");
  }

  @Test
  void chunkedBodyBetweenTwoAndThreeMibIsAccepted() throws Exception {
    // whitespace: the body is large, the ConfigMap small (its data may not exceed 1 MiB)
    String padding = " ".repeat(2 * 1024 * 1024 + 512 * 1024);
    byte[] body =
        ("{\"metadata\":{\"name\":\"big\"}," + padding + "\"data\":{\"a\":\"b\"}}")
            .getBytes(StandardCharsets.US_ASCII);
    HttpRequest request =
        request(
                "POST",
                CONFIGMAPS + "?dryRun=All",
                JSON_TYPE,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    HttpResponse<String> response =
        server.client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(JSON.readTree(response.body()).at("/metadata/name").asString()).isEqualTo("big");
  }

  private static byte[] oversizedConfigMap() {
    String data = "x".repeat(3 * 1024 * 1024);
    return ("{\"metadata\":{\"name\":\"huge\"},\"data\":{\"a\":\"" + data + "\"}}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  // ------------------------------------------------------------------ helpers

  private static HttpRequest.Builder request(
      String method, String path, @Nullable String contentType, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + server.token)
            .method(method, body);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return builder;
  }

  private static HttpResponse<String> send(
      String method, String path, @Nullable String contentType, @Nullable String body)
      throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    return server.client.send(
        request(method, path, contentType, publisher).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("message").asString();
  }

  /** A Failure Status with {@code code}, {@code reason} ("" = absent) and, if given, message. */
  private static void assertStatus(
      HttpResponse<String> response, int code, String reason, @Nullable String message)
      throws Exception {
    String body = response.body();
    assertThat(response.statusCode()).as(body).isEqualTo(code);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(body).doesNotContain("\tat ", "Exception", "io.kapi.");
    JsonNode status = JSON.readTree(body);
    assertThat(status.get("kind").asString()).isEqualTo("Status");
    assertThat(status.get("apiVersion").asString()).isEqualTo("v1");
    assertThat(status.get("metadata").isObject() && status.get("metadata").isEmpty()).isTrue();
    assertThat(status.get("status").asString()).isEqualTo("Failure");
    assertThat(status.get("code").asInt()).isEqualTo(code);
    if (reason.isEmpty()) {
      assertThat(status.has("reason")).as(body).isFalse();
    } else {
      assertThat(status.get("reason").asString()).as(body).isEqualTo(reason);
    }
    if (message != null) {
      assertThat(status.get("message").asString()).isEqualTo(message);
    }
  }

  private static void assertDetails(HttpResponse<String> response, String name, String kind)
      throws Exception {
    JsonNode details = JSON.readTree(response.body()).get("details");
    assertThat(details.get("name").asString()).isEqualTo(name);
    assertThat(details.get("kind").asString()).isEqualTo(kind);
    assertThat(details.has("group")).isFalse();
    assertThat(details.has("causes")).isFalse();
  }

  /** 422 Invalid on a core/v1 kind with exactly one cause. */
  private static void assertInvalid(
      HttpResponse<String> response,
      String kind,
      String name,
      String field,
      String causeReason,
      String causeMessage)
      throws Exception {
    assertStatus(
        response,
        422,
        "Invalid",
        kind + " \"" + name + "\" is invalid: " + field + ": " + causeMessage);
    JsonNode details = JSON.readTree(response.body()).get("details");
    assertThat(details.get("kind").asString()).isEqualTo(kind);
    assertThat(details.has("group")).isFalse();
    if (!name.isEmpty()) {
      assertThat(details.get("name").asString()).isEqualTo(name);
    }
    assertThat(details.get("causes").size()).isEqualTo(1);
    JsonNode cause = details.get("causes").get(0);
    assertThat(cause.get("reason").asString()).isEqualTo(causeReason);
    assertThat(cause.get("message").asString()).isEqualTo(causeMessage);
    assertThat(cause.get("field").asString()).isEqualTo(field);
  }

  /** 422 Invalid on an options kind of meta.k8s.io with exactly one cause. */
  private static void assertOptionsInvalid(
      HttpResponse<String> response,
      String optionsKind,
      String field,
      String causeReason,
      String causeMessage)
      throws Exception {
    assertStatus(
        response,
        422,
        "Invalid",
        optionsKind + ".meta.k8s.io \"\" is invalid: " + field + ": " + causeMessage);
    JsonNode details = JSON.readTree(response.body()).get("details");
    assertThat(details.get("group").asString()).isEqualTo("meta.k8s.io");
    assertThat(details.get("kind").asString()).isEqualTo(optionsKind);
    assertThat(details.has("name")).isFalse();
    JsonNode cause = details.get("causes").get(0);
    assertThat(details.get("causes").size()).isEqualTo(1);
    assertThat(cause.get("reason").asString()).isEqualTo(causeReason);
    assertThat(cause.get("message").asString()).isEqualTo(causeMessage);
    assertThat(cause.get("field").asString()).isEqualTo(field);
  }
}
