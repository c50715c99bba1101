package io.kapi.server.endpoints;

import static io.kapi.server.endpoints.TestApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  private static final String V1 = "/apis/example.com/v1";
  private static final String WIDGETS = V1 + "/namespaces/default/widgets";

  private TestApi api;

  @BeforeEach
  void start() {
    api = TestApi.start(b -> b.watchCache(c -> c.freshnessTimeout(Duration.ofMillis(100))));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String badRequest(String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"" + message.replace("\"", "\\\"") + "\",\"reason\":\"BadRequest\",\"code\":400}\n";
  }

  private static String invalidListOptions(String field, String causeMessage, String reason) {
    String cause = causeMessage.replace("\"", "\\\"");
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"ListOptions.meta.k8s.io \\\"\\\" is invalid: " + field + ": " + cause + "\","
        + "\"reason\":\"Invalid\",\"details\":{\"group\":\"meta.k8s.io\",\"kind\":\"ListOptions\","
        + "\"causes\":[{\"reason\":\"" + reason + "\",\"message\":\"" + cause + "\",\"field\":\""
        + field + "\"}]},\"code\":422}\n";
  }

  @Test
  void malformedSelectorsAre400WithTheParsersMessage() throws Exception {
    HttpResponse<String> labels = api.get(WIDGETS + "?labelSelector=x+in+(a");
    HttpResponse<String> fields = api.get(WIDGETS + "?fieldSelector=foo");
    HttpResponse<String> unsupported = api.get(WIDGETS + "?fieldSelector=spec.color%3Dred");

    assertThat(labels.statusCode()).isEqualTo(400);
    assertThat(labels.body()).isEqualTo(badRequest("unable to parse requirement: found '', expected: ',' or ')'"));
    assertThat(fields.body()).isEqualTo(badRequest("invalid selector: 'foo'; can't understand 'foo'"));
    assertThat(unsupported.body()).isEqualTo(badRequest("field label not supported: spec.color"));
  }

  @Test
  void malformedNumbersAre400() throws Exception {
    assertThat(api.get(WIDGETS + "?limit=abc").body())
        .isEqualTo(badRequest("strconv.ParseInt: parsing \"abc\": invalid syntax"));
    assertThat(api.get(WIDGETS + "?watch=true&timeoutSeconds=9999999999999999999999").body())
        .isEqualTo(
            badRequest("strconv.ParseInt: parsing \"9999999999999999999999\": value out of range"));
    assertThat(api.get(WIDGETS + "?resourceVersion=abc").body())
        .isEqualTo(
            badRequest(
                "invalid resource version: resourceVersion: Invalid value: \"abc\": strconv.ParseUint:"
                    + " parsing \"abc\": invalid syntax"));
    assertThat(api.get(WIDGETS + "/a?resourceVersion=-1").statusCode()).isEqualTo(400);
  }

  @Test
  void resourceVersionMatchCombinationsAre422OnListOptions() throws Exception {
    assertThat(api.get(WIDGETS + "?resourceVersionMatch=NotOlderThan").body())
        .isEqualTo(
            invalidListOptions(
                "resourceVersionMatch",
                "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
                "FieldValueForbidden"));
    assertThat(api.get(WIDGETS + "?resourceVersion=0&resourceVersionMatch=Exact").body())
        .isEqualTo(
            invalidListOptions(
                "resourceVersionMatch",
                "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"",
                "FieldValueForbidden"));
    assertThat(api.get(WIDGETS + "?resourceVersion=1&resourceVersionMatch=Newest").body())
        .isEqualTo(
            invalidListOptions(
                "resourceVersionMatch",
                "Unsupported value: \"Newest\": supported values: \"Exact\", \"NotOlderThan\", \"\"",
                "FieldValueNotSupported"));
    assertThat(api.get(WIDGETS + "?sendInitialEvents=true").body())
        .isEqualTo(
            invalidListOptions(
                "sendInitialEvents", "Forbidden: sendInitialEvents is forbidden for list",
                "FieldValueForbidden"));
  }

  @Test
  void continueTokensMustBeValidAndAlone() throws Exception {
    api.createWidget("default", "a", "red");
    api.createWidget("default", "b", "red");
    String token = json(api.get(WIDGETS + "?limit=1")).path("metadata").path("continue").asString();

    assertThat(api.get(WIDGETS + "?limit=1&resourceVersion=5&continue=" + token).body())
        .isEqualTo(badRequest("specifying resource version is not allowed when using continue"));
    assertThat(api.get(WIDGETS + "?continue=abc!").body())
        .isEqualTo(
            badRequest(
                "invalid continue token: continue key is not valid: illegal base64 data at input byte 3"));
    assertThat(api.get(WIDGETS + "?continue=eyJ2IjoibWV0YS5rOHMuaW8vdjIiLCJydiI6Mywic3RhcnQiOiJhIn0").body())
        .isEqualTo(
            badRequest(
                "invalid continue token: continue key is not valid: server does not recognize this"
                    + " encoded version meta.k8s.io/v2"));
  }

  @Test
  void resourceVersionFromTheFutureIs504WithCause() throws Exception {
    api.createWidget("default", "a", "red");
    long current = api.storage.currentRevision();

    HttpResponse<String> response =
        api.get(WIDGETS + "?resourceVersion=99999&resourceVersionMatch=NotOlderThan");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.body())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Timeout: Too large resource version: 99999, current: " + current + "\","
                + "\"reason\":\"Timeout\",\"details\":{\"causes\":[{\"reason\":\"ResourceVersionTooLarge\","
                + "\"message\":\"Too large resource version\"}],\"retryAfterSeconds\":1},\"code\":504}\n");
    assertThat(api.get(WIDGETS + "/a?resourceVersion=99999").statusCode()).isEqualTo(504);
  }

  @Test
  void unknownDryRunValuesAre422OnTheirOptionsKind() throws Exception {
    api.createWidget("default", "a", "red");

    HttpResponse<String> update = api.put(WIDGETS + "/a?dryRun=Yes", TestApi.widget("a", "blue"));
    HttpResponse<String> delete = api.delete(WIDGETS + "/a?dryRun=Yes");

    assertThat(update.statusCode()).isEqualTo(422);
    assertThat(json(update).path("details").path("kind").asString()).isEqualTo("UpdateOptions");
    assertThat(delete.statusCode()).isEqualTo(422);
    assertThat(json(delete).path("message").asString())
        .isEqualTo(
            "DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Yes\"}:"
                + " supported values: \"All\"");
  }

  @Test
  void malformedObjectsNeverCauseA500() throws Exception {
    HttpResponse<String> labels =
        api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"a\",\"labels\":\"x\"}}");
    HttpResponse<String> metadataArray = api.post(WIDGETS, "{\"kind\":\"Widget\",\"metadata\":[]}");
    HttpResponse<String> badName = api.get(WIDGETS + "/a%25b");
    HttpResponse<String> deleteBody =
        api.send("DELETE", WIDGETS + "/a", "{\"preconditions\":7}", "Content-Type", "application/json");

    assertThat(labels.statusCode()).isEqualTo(400);
    assertThat(metadataArray.statusCode()).isEqualTo(422);
    assertThat(json(metadataArray).path("message").asString())
        .isEqualTo(
            "Widget.example.com \"\" is invalid: metadata.name: Required value: name or generateName"
                + " is required");
    assertThat(badName.body()).isEqualTo(badRequest("Name parameter invalid: \"a%b\": may not contain '%'"));
    assertThat(deleteBody.statusCode()).isEqualTo(400);
  }

  @Test
  void unknownPathsAndMethodsUseTheContainersStatuses() throws Exception {
    assertThat(api.get(V1 + "/nothings").statusCode()).isEqualTo(404);
    assertThat(json(api.get(V1 + "/nothings")).path("message").asString())
        .isEqualTo("the server could not find the requested resource");
    assertThat(api.post(WIDGETS + "/a", "{}").statusCode()).isEqualTo(405);
    assertThat(api.post(WIDGETS, "{}", "Content-Type", "text/plain").statusCode()).isEqualTo(415);
  }
}
