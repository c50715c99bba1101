package io.kapi.server.endpoints;

import io.kapi.api.codec.ApiCodec;
import io.kapi.server.GenericApiServer;
import io.kapi.server.ServerConfig;
import io.kapi.server.registry.ApiGroupInfo;
import io.kapi.server.registry.ResourceDefinition;
import io.kapi.server.registry.TableColumn;
import io.kapi.server.storage.memory.MemoryStorage;
import io.kapi.server.testing.LoopbackHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * A generic API server serving the test group {@code example.com/v1} ({@code widgets}: namespaced,
 * status subresource; {@code gadgets}: cluster-scoped, with Table columns) from a memory storage,
 * behind its full handler chain on an Undertow at 127.0.0.1 and a free port.
 */
final class TestApi implements AutoCloseable {
  static final ResourceDefinition WIDGETS =
      ResourceDefinition.builder("widgets", "Widget")
          .shortNames("wd")
          .categories("all")
          .statusSubresource()
          .build();
  static final ResourceDefinition GADGETS =
      ResourceDefinition.builder("gadgets", "Gadget")
          .clusterScoped()
          .tableColumns(
              TableColumn.field("Color", "string", "The gadget's color.", "spec", "color"),
              TableColumn.of("Size", "integer", "The gadget's size.", 1,
                  g -> g.getNested("spec", "size") == null ? null : g.getNested("spec", "size").asLong()),
              TableColumn.age())
          .build();
  static final ApiGroupInfo GROUP =
      ApiGroupInfo.builder("example.com").version("v1", WIDGETS, GADGETS).build();

  final MemoryStorage storage = MemoryStorage.create();
  final GenericApiServer server;
  final InstalledApiGroup group;
  private final LoopbackHttp http;

  private TestApi(UnaryOperator<ApiInstaller.Builder> installer, ApiGroupInfo groupInfo) {
    server =
        GenericApiServer.builder("test-apiserver", ServerConfig.defaults(() -> "127.0.0.1:6443"))
            .build();
    group = installer.apply(ApiInstaller.builder(storage)).build().install(server, groupInfo);
    http = LoopbackHttp.serve(server.handler().fullHandlerChain());
  }

  static TestApi start() {
    return new TestApi(b -> b, GROUP);
  }

  static TestApi start(UnaryOperator<ApiInstaller.Builder> installer) {
    return new TestApi(installer, GROUP);
  }

  static TestApi start(UnaryOperator<ApiInstaller.Builder> installer, ApiGroupInfo group) {
    return new TestApi(installer, group);
  }

  int port() {
    return http.port();
  }

  URI uri(String pathAndQuery) {
    return http.uri(pathAndQuery);
  }

  HttpClient client() {
    return http.client();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, null, headers);
  }

  HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    return send("POST", path, json, withContentType("application/json", headers));
  }

  HttpResponse<String> put(String path, String json, String... headers) throws Exception {
    return send("PUT", path, json, withContentType("application/json", headers));
  }

  HttpResponse<String> delete(String path, String... headers) throws Exception {
    return send("DELETE", path, null, headers);
  }

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    return http.send(method, path, body, headers);
  }

  private static String[] withContentType(String type, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("Content-Type")) {
        return headers;
      }
    }
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = type;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return all;
  }

  /** Creates a widget {@code name} in {@code namespace} with {@code spec.color}. */
  JsonNode createWidget(String namespace, String name, String color) throws Exception {
    HttpResponse<String> r =
        post("/apis/example.com/v1/namespaces/" + namespace + "/widgets", widget(name, color));
    if (r.statusCode() != 201) {
      throw new AssertionError("create failed: " + r.statusCode() + " " + r.body());
    }
    return json(r);
  }

  static String widget(String name, String color) {
    return "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{\"color\":\""
        + color
        + "\"}}";
  }

  static JsonNode json(HttpResponse<String> response) {
    return ApiCodec.json().decode(response.body().getBytes(), JsonNode.class);
  }

  static JsonNode json(String text) {
    return ApiCodec.json().decode(text.getBytes(), JsonNode.class);
  }

  static List<String> names(JsonNode list) {
    return list.path("items").valueStream().map(i -> i.path("metadata").path("name").asString()).toList();
  }

  @Override
  public void close() {
    http.close();
    group.close();
    storage.close();
  }
}
