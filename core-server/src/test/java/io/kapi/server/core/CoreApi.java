package io.kapi.server.core;

import io.kapi.api.codec.ApiCodec;
import io.kapi.server.DelegationTarget;
import io.kapi.server.NotFoundHandler;
import io.kapi.server.ServerConfig;
import io.kapi.server.core.v1.CoreV1;
import io.kapi.server.endpoints.ApiInstaller;
import io.kapi.server.storage.memory.MemoryStorage;
import io.kapi.server.testing.LoopbackHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A {@link KubeApiServer} serving {@link CoreV1} with its namespace lifecycle from a memory
 * storage, behind its full handler chain on an Undertow at 127.0.0.1 and a free port.
 */
final class CoreApi implements AutoCloseable {
  final MemoryStorage storage = MemoryStorage.create();
  final KubeApiServer kube;
  private final LoopbackHttp http;

  CoreApi() {
    kube =
        KubeApiServer.create(
            ServerConfig.defaults(() -> "127.0.0.1:6443"),
            DelegationTarget.withHandler(new NotFoundHandler()),
            ApiInstaller.builder(storage),
            CoreV1.apiGroupInfo());
    http = LoopbackHttp.serve(kube.genericServer().handler().fullHandlerChain());
  }

  URI uri(String pathAndQuery) {
    return http.uri(pathAndQuery);
  }

  HttpClient client() {
    return http.client();
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return send("POST", path, json);
  }

  HttpResponse<String> put(String path, String json) throws Exception {
    return send("PUT", path, json);
  }

  HttpResponse<String> delete(String path) throws Exception {
    return send("DELETE", path, null);
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return body == null
        ? http.send(method, path, null)
        : http.send(method, path, body, "Content-Type", "application/json");
  }

  /** POSTs {@code json} to {@code path}, failing unless the answer is 201. */
  JsonNode create(String path, String json) throws Exception {
    HttpResponse<String> r = post(path, json);
    if (r.statusCode() != 201) {
      throw new AssertionError("create at " + path + " failed: " + r.statusCode() + " " + r.body());
    }
    return json(r.body());
  }

  /** GETs {@code path} until {@code done} holds for the response, for at most 15 s. */
  HttpResponse<String> await(String path, Predicate<HttpResponse<String>> done) throws Exception {
    Instant deadline = Instant.now().plusSeconds(15);
    HttpResponse<String> last = get(path);
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting on " + path + ": " + last.statusCode() + " " + last.body());
      }
      Thread.sleep(50);
      last = get(path);
    }
    return last;
  }

  static JsonNode json(String text) {
    return ApiCodec.json().decode(text.getBytes(), JsonNode.class);
  }

  @Override
  public void close() {
    http.close();
    kube.close();
    storage.close();
  }
}
