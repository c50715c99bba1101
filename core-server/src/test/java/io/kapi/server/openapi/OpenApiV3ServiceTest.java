package io.kapi.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kapi.api.codec.ApiCodec;
import io.kapi.pathrecorder.PathRecorderMux;
import io.kapi.server.testing.LoopbackHttp;
import io.undertow.util.DateUtils;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenApiV3ServiceTest {
  private OpenApiV3Service service;
  private PathRecorderMux mux;
  private LoopbackHttp server;

  @BeforeEach
  void start() {
    service = OpenApiV3Service.create();
    mux = new PathRecorderMux("test");
    service.install(mux);
    server = LoopbackHttp.serve(mux);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ObjectNode configMaps() {
    return OpenApiDocumentBuilder.builder()
        .webService(UpstreamConfigMaps.webService())
        .schemas(UpstreamConfigMaps.schemas())
        .build();
  }

  private static JsonNode json(byte[] body) {
    return ApiCodec.json().decode(body, JsonNode.class);
  }

  private String serverRelativeUrl(String path) throws Exception {
    return json(server.getBytes("/openapi/v3").body())
        .get("paths")
        .get(path)
        .get("serverRelativeURL")
        .asString();
  }

  @Test
  void indexListsEveryDocumentWithItsHashUrl() throws Exception {
    service.put("api/v1", configMaps());
    service.put("apis/example.com/v1", OpenApiDocumentBuilder.builder().build());
    HttpResponse<byte[]> index = server.getBytes("/openapi/v3", "Accept", "application/json, */*");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValue("application/json");
    String hash = service.hash("api/v1").orElseThrow();
    assertThat(hash).matches("[0-9A-F]{128}");
    assertThat(new String(index.body(), StandardCharsets.UTF_8))
        .startsWith(
            "{\"paths\":{\"api/v1\":{\"serverRelativeURL\":\"/openapi/v3/api/v1?hash="
                + hash
                + "\"},\"apis/example.com/v1\":{\"serverRelativeURL\":\"/openapi/v3/apis/example.com/v1?hash=");
    // the hash is the SHA-512 of the bytes served
    HttpResponse<byte[]> document = server.getBytes(serverRelativeUrl("api/v1"));
    assertThat(CanonicalJson.sha512Hex(document.body())).isEqualTo(hash);
    assertThat(document.headers().firstValue("ETag")).hasValue("\"" + hash + "\"");
    assertThat(json(document.body()).get("paths").has("/api/v1/namespaces/{namespace}/configmaps"))
        .isTrue();
    assertThat(mux.listedPaths()).contains("/openapi/v3", "/openapi/v3/");
  }

  @Test
  void theCurrentHashMakesTheDocumentImmutableForAYear() throws Exception {
    service.put("api/v1", configMaps());
    HttpResponse<byte[]> response =
        server.getBytes(serverRelativeUrl("api/v1"), "Accept", "application/json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, immutable");
    assertThat(response.headers().firstValue("Vary")).hasValue("Accept");
    Date expires = DateUtils.parseDate(response.headers().firstValue("Expires").orElseThrow());
    assertThat(Duration.between(Instant.now(), expires.toInstant()).toDays()).isBetween(364L, 366L);
  }

  @Test
  void withoutAHashTheDocumentIsNotMarkedImmutable() throws Exception {
    service.put("api/v1", configMaps());
    HttpResponse<byte[]> response = server.getBytes("/openapi/v3/api/v1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).isEmpty();
    assertThat(response.headers().firstValue("Expires")).isEmpty();
    assertThat(response.headers().firstValue("Last-Modified")).isPresent();
  }

  @Test
  void aStaleHashIsRedirectedToTheCurrentOne() throws Exception {
    service.put("api/v1", configMaps());
    String stale = serverRelativeUrl("api/v1");
    ObjectNode changed = configMaps();
    ((ObjectNode) changed.get("info")).put("version", "v2");
    service.put("api/v1", changed);
    String current = serverRelativeUrl("api/v1");
    assertThat(current).isNotEqualTo(stale);

    HttpResponse<byte[]> response = server.getBytes(stale);
    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).hasValue(current);
    assertThat(response.body()).isEmpty();
    assertThat(server.getBytes(current).statusCode()).isEqualTo(200);
  }

  @Test
  void matchingEtagsAnswer304() throws Exception {
    service.put("api/v1", configMaps());
    String etag = "\"" + service.hash("api/v1").orElseThrow() + "\"";
    HttpResponse<byte[]> notModified =
        server.getBytes("/openapi/v3/api/v1", "If-None-Match", "\"other\", " + etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    assertThat(notModified.headers().firstValue("Content-Type")).isEmpty();
    assertThat(server.getBytes("/openapi/v3/api/v1", "If-None-Match", "\"other\"").statusCode())
        .isEqualTo(200);

    HttpResponse<byte[]> index = server.getBytes("/openapi/v3");
    String indexEtag = index.headers().firstValue("ETag").orElseThrow();
    assertThat(indexEtag).isEqualTo("\"" + CanonicalJson.sha512Hex(index.body()) + "\"");
    assertThat(server.getBytes("/openapi/v3", "If-None-Match", indexEtag).statusCode()).isEqualTo(304);
    assertThat(server.getBytes("/openapi/v3", "If-None-Match", "*").statusCode()).isEqualTo(304);
  }

  @Test
  void ifModifiedSinceAnswers304WhenNothingChanged() throws Exception {
    service.put("api/v1", configMaps());
    String lastModified =
        server.getBytes("/openapi/v3/api/v1").headers().firstValue("Last-Modified").orElseThrow();
    assertThat(server.getBytes("/openapi/v3/api/v1", "If-Modified-Since", lastModified).statusCode())
        .isEqualTo(304);
    assertThat(
            server
                .get("/openapi/v3/api/v1", "If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void unknownDocumentsAre404AndProtobufOnlyIs406() throws Exception {
    service.put("api/v1", configMaps());
    HttpResponse<byte[]> missing = server.getBytes("/openapi/v3/apis/nope/v1");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing.body()).get("reason").asString()).isEqualTo("NotFound");
    assertThat(server.getBytes("/openapi/v3/api/v1/").statusCode()).isEqualTo(404);
    assertThat(server.getBytes("/openapi/v3/").statusCode()).isEqualTo(404);

    HttpResponse<byte[]> protobuf =
        server.getBytes(
            "/openapi/v3/api/v1",
            "Accept",
            "application/com.github.proto-openapi.spec.v3@v1.0+protobuf");
    assertThat(protobuf.statusCode()).isEqualTo(406);
    assertThat(json(protobuf.body()).get("reason").asString()).isEqualTo("NotAcceptable");
    assertThat(
            server
                .get(
                    "/openapi/v3/api/v1",
                    "Accept",
                    "application/com.github.proto-openapi.spec.v3@v1.0+protobuf,"
                        + " application/json;q=0.5")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void puttingAnEqualDocumentChangesNothingAndRemovingUnlistsIt() throws Exception {
    service.put("api/v1", configMaps());
    String hash = service.hash("api/v1").orElseThrow();
    long generation = service.snapshot().generation();
    service.put("api/v1", configMaps());
    assertThat(service.snapshot().generation()).isEqualTo(generation);
    assertThat(service.hash("api/v1")).hasValue(hash);

    assertThat(service.remove("api/v1")).isTrue();
    assertThat(service.remove("api/v1")).isFalse();
    assertThat(new String(server.getBytes("/openapi/v3").body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"paths\":{}}");
    assertThat(server.getBytes("/openapi/v3/api/v1").statusCode()).isEqualTo(404);
  }

  @Test
  void theStoredDocumentIsACopy() {
    ObjectNode document = configMaps();
    service.put("api/v1", document);
    document.removeAll();
    assertThat(service.document("api/v1").orElseThrow().has("paths")).isTrue();
  }

  @Test
  void malformedPathsAreRejected() {
    ObjectNode document = OpenApiDocumentBuilder.builder().build();
    for (String bad : new String[] {"", "/api/v1", "api/v1/", "api//v1", "api/v1?x", "a b"}) {
      assertThatThrownBy(() -> service.put(bad, document))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
