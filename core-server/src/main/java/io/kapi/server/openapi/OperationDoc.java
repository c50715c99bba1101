package io.kapi.server.openapi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.kapi.api.schema.GroupVersionKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the OpenAPI document says about one route beyond its path, method and parameters: the {@code
 * x-kubernetes-action} (the installer's verb), the {@code x-kubernetes-group-version-kind} the
 * route serves, and its responses by status code. Pass it to {@link
 * io.kapi.restcontainer.Route.Builder#writes(Object)}; the static factories give the responses
 * upstream's installer documents for each verb.
 *
 * <pre>{@code
 * GroupVersionKind cm = GroupVersionKind.of("", "v1", "ConfigMap");
 * Route.builder("GET", "/namespaces/{namespace}/configmaps/{name}")
 *     .operationId("readNamespacedConfigMap")
 *     .writes(OperationDoc.get(cm, SchemaRef.component("io.k8s.api.core.v1.ConfigMap")))
 *     ...
 * }</pre>
 *
 * <p>kubectl needs two things from these: {@code kubectl explain} finds the kind's schema by the
 * {@code x-kubernetes-group-version-kind} of component schemas, and {@code kubectl apply} checks
 * for server-side field validation by looking for a {@code patch} operation carrying the kind's
 * {@code x-kubernetes-group-version-kind} and a {@code fieldValidation} query parameter.
 *
 * @param action the {@code x-kubernetes-action} value ({@code get}, {@code list}, {@code post},
 *     {@code put}, {@code patch}, {@code delete}, {@code deletecollection}, {@code watch}, {@code
 *     watchlist}, {@code connect}), or empty for none
 * @param groupVersionKind the kind the route serves, or null for none
 * @param responses the documented responses; the builder adds {@code 401 Unauthorized}
 */
public record OperationDoc(
    String action, @Nullable GroupVersionKind groupVersionKind, List<Response> responses) {

  /**
   * One documented response.
   *
   * @param code the HTTP status code
   * @param description e.g. {@code OK}
   * @param schema the body, or null for none
   */
  public record Response(int code, String description, @Nullable SchemaRef schema) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the code is not a 1xx-5xx status
     */
    public Response {
      checkArgument(code >= 100 && code <= 599, "%s is not an HTTP status code", code);
      checkNotNull(description, "description");
    }
  }

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if two responses have the same code
   */
  public OperationDoc {
    checkNotNull(action, "action");
    responses = List.copyOf(responses);
    Set<Integer> codes = new HashSet<>();
    for (Response response : responses) {
      checkArgument(codes.add(response.code()), "response %s documented twice", response.code());
    }
  }

  /** Reading one object: {@code 200 OK}. */
  public static OperationDoc get(GroupVersionKind kind, SchemaRef object) {
    return of("get", kind, ok(object));
  }

  /** Listing: {@code 200 OK} with the list kind. */
  public static OperationDoc list(GroupVersionKind kind, SchemaRef list) {
    return of("list", kind, ok(list));
  }

  /** Creating (POST): {@code 200 OK}, {@code 201 Created}, {@code 202 Accepted}. */
  public static OperationDoc create(GroupVersionKind kind, SchemaRef object) {
    return of("post", kind, ok(object), created(object), accepted(object));
  }

  /** Replacing (PUT): {@code 200 OK}, {@code 201 Created}. */
  public static OperationDoc update(GroupVersionKind kind, SchemaRef object) {
    return of("put", kind, ok(object), created(object));
  }

  /** Patching: {@code 200 OK}, {@code 201 Created} (server-side apply may create). */
  public static OperationDoc patch(GroupVersionKind kind, SchemaRef object) {
    return of("patch", kind, ok(object), created(object));
  }

  /**
   * Deleting one object: {@code 200 OK}, {@code 202 Accepted}, answering {@code returned} (the
   * deleted object, or {@link SchemaRef#STATUS}).
   */
  public static OperationDoc delete(GroupVersionKind kind, SchemaRef returned) {
    return of("delete", kind, ok(returned), accepted(returned));
  }

  /** Deleting a collection: {@code 200 OK} with a {@code Status}. */
  public static OperationDoc deleteCollection(GroupVersionKind kind) {
    return of("deletecollection", kind, ok(SchemaRef.STATUS));
  }

  /** The deprecated watch of one object ({@code /watch/.../{name}}): {@code 200 OK} events. */
  public static OperationDoc watch(GroupVersionKind kind) {
    return of("watch", kind, ok(SchemaRef.WATCH_EVENT));
  }

  /** The deprecated watch of a collection ({@code /watch/...}): {@code 200 OK} events. */
  public static OperationDoc watchList(GroupVersionKind kind) {
    return of("watchlist", kind, ok(SchemaRef.WATCH_EVENT));
  }

  /** A connect subresource (proxy, exec…): {@code 200 OK} with {@code returned}. */
  public static OperationDoc connect(GroupVersionKind kind, SchemaRef returned) {
    return of("connect", kind, ok(returned));
  }

  private static OperationDoc of(String action, GroupVersionKind kind, Response... responses) {
    checkNotNull(kind, "kind");
    return new OperationDoc(action, kind, List.of(responses));
  }

  private static Response ok(SchemaRef schema) {
    return new Response(200, "OK", checkNotNull(schema, "schema"));
  }

  private static Response created(SchemaRef schema) {
    return new Response(201, "Created", schema);
  }

  private static Response accepted(SchemaRef schema) {
    return new Response(202, "Accepted", schema);
  }
}
