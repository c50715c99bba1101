package io.kapi.server.openapi;

import io.kapi.api.codec.ApiCodec;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.restcontainer.Parameter;
import io.kapi.restcontainer.Route;
import io.kapi.restcontainer.WebService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The configmap paths and schemas of upstream's core/v1 OpenAPI document (test resource {@code
 * core-v1-configmaps.json}), and a {@code /api/v1} WebService with the routes upstream's installer
 * registers for configmaps, as a REST installer would declare them.
 */
final class UpstreamConfigMaps {
  static final String CONFIG_MAP = "io.k8s.api.core.v1.ConfigMap";
  static final String CONFIG_MAP_LIST = "io.k8s.api.core.v1.ConfigMapList";
  static final GroupVersionKind GVK = GroupVersionKind.of("", "v1", "ConfigMap");

  private static final String[] PRODUCES = {
    "application/json", "application/yaml", "application/vnd.kubernetes.protobuf"
  };
  private static final String[] PRODUCES_LIST = {
    "application/json",
    "application/yaml",
    "application/vnd.kubernetes.protobuf",
    "application/json;stream=watch",
    "application/vnd.kubernetes.protobuf;stream=watch"
  };
  private static final String[] PATCH_TYPES = {
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
    "application/apply-patch+yaml"
  };

  private UpstreamConfigMaps() {}

  /** The test resource: {@code {"schemas": {...}, "paths": {...}}}. */
  static JsonNode reference() {
    try (InputStream in = UpstreamConfigMaps.class.getResourceAsStream("core-v1-configmaps.json")) {
      return ApiCodec.json().decode(in, JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ConfigMap and ConfigMapList, by component name. */
  static Map<String, JsonNode> schemas() {
    Map<String, JsonNode> schemas = new LinkedHashMap<>();
    reference().get("schemas").properties().forEach(e -> schemas.put(e.getKey(), e.getValue()));
    return schemas;
  }

  /**
   * The configmap routes of {@code /api/v1}; descriptions and parameters are those of the upstream
   * document (what upstream's go-restful routes carried), the rest is declared here.
   */
  static WebService webService() {
    JsonNode paths = reference().get("paths");
    SchemaRef cm = SchemaRef.component(CONFIG_MAP);
    SchemaRef list = SchemaRef.component(CONFIG_MAP_LIST);
    WebService.Builder ws = WebService.builder("/api/v1").documentation("API at /api/v1");
    String collection = "/namespaces/{namespace}/configmaps";
    String item = collection + "/{name}";
    ws.route(
        route(paths, "/configmaps", "GET", "listConfigMapForAllNamespaces", PRODUCES_LIST)
            .writes(OperationDoc.list(GVK, list))
            .build());
    ws.route(
        route(paths, collection, "DELETE", "deletecollectionNamespacedConfigMap", PRODUCES)
            .reads(SchemaRef.DELETE_OPTIONS)
            .param(new Parameter("body", Parameter.Kind.BODY, "object", "", false))
            .writes(OperationDoc.deleteCollection(GVK))
            .build());
    ws.route(
        route(paths, collection, "GET", "listNamespacedConfigMap", PRODUCES_LIST)
            .writes(OperationDoc.list(GVK, list))
            .build());
    ws.route(
        route(paths, collection, "POST", "createNamespacedConfigMap", PRODUCES)
            .reads(cm)
            .param(Parameter.body("body", ""))
            .writes(OperationDoc.create(GVK, cm))
            .build());
    ws.route(
        route(paths, item, "DELETE", "deleteNamespacedConfigMap", PRODUCES)
            .reads(SchemaRef.DELETE_OPTIONS)
            .param(new Parameter("body", Parameter.Kind.BODY, "object", "", false))
            .writes(OperationDoc.delete(GVK, SchemaRef.STATUS))
            .build());
    ws.route(
        route(paths, item, "GET", "readNamespacedConfigMap", PRODUCES)
            .writes(OperationDoc.get(GVK, cm))
            .build());
    ws.route(
        route(paths, item, "PATCH", "patchNamespacedConfigMap", PRODUCES)
            .consumes(PATCH_TYPES)
            .reads(SchemaRef.PATCH)
            .param(Parameter.body("body", ""))
            .writes(OperationDoc.patch(GVK, cm))
            .build());
    ws.route(
        route(paths, item, "PUT", "replaceNamespacedConfigMap", PRODUCES)
            .reads(cm)
            .param(Parameter.body("body", ""))
            .writes(OperationDoc.update(GVK, cm))
            .build());
    ws.route(
        route(
                paths,
                "/watch/configmaps",
                "GET",
                "watchConfigMapListForAllNamespaces",
                PRODUCES_LIST)
            .writes(OperationDoc.watchList(GVK))
            .build());
    ws.route(
        route(paths, "/watch" + collection, "GET", "watchNamespacedConfigMapList", PRODUCES_LIST)
            .writes(OperationDoc.watchList(GVK))
            .build());
    ws.route(
        route(paths, "/watch" + item, "GET", "watchNamespacedConfigMap", PRODUCES_LIST)
            .writes(OperationDoc.watch(GVK))
            .build());
    return ws.build();
  }

  /** A route with upstream's description and every parameter (path-level and own) of the op. */
  private static Route.Builder route(
      JsonNode paths, String template, String method, String operation, String[] produces) {
    JsonNode item = paths.get("/api/v1" + template);
    JsonNode op = item.get(method.toLowerCase(Locale.ROOT));
    Route.Builder route =
        Route.builder(method, template)
            .to(r -> {})
            .operationId(operation)
            .doc(op.get("description").asString())
            .produces(produces);
    for (JsonNode p : List.of(item.path("parameters"), op.path("parameters"))) {
      for (JsonNode parameter : p) {
        route.param(
            new Parameter(
                parameter.get("name").asString(),
                Parameter.Kind.valueOf(parameter.get("in").asString().toUpperCase(Locale.ROOT)),
                parameter.get("schema").get("type").asString(),
                parameter.path("description").asString(""),
                parameter.path("required").asBoolean(false)));
      }
    }
    return route;
  }
}
