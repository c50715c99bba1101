package io.kapi.server.endpoints;

import io.kapi.api.codec.MediaType;
import io.kapi.api.codec.MediaTypes;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.FieldError;
import io.kapi.api.meta.DeleteOptions;
import io.kapi.api.meta.Status;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.restcontainer.RestRequest;
import io.kapi.server.registry.DeleteResult;
import io.kapi.server.registry.ListParams;
import io.kapi.server.registry.ObjectList;
import io.kapi.server.registry.RegistryErrors;
import io.kapi.server.registry.Store;
import io.kapi.server.registry.StoredObject;
import io.kapi.server.registry.WriteOptions;
import io.kapi.server.registry.WriteResult;
import io.kapi.server.request.RequestBodies;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The handlers of one resource's routes (upstream's {@code handlers/get.go}, {@code create.go},
 * {@code update.go}, {@code patch.go}, {@code delete.go}): they read the request, call the {@link
 * Store} and write the negotiated response. Every method blocks and runs on a worker thread.
 */
final class ResourceHandlers {
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private final Store store;
  private final String group;
  private final String plural;
  private final String kind;
  private final long maxBodyBytes;
  private final PatchApplier patches;
  private final Output output;
  private final WatchHandler watches;

  ResourceHandlers(Store store, long maxBodyBytes, PatchApplier patches, WatchHandler watches) {
    this.store = store;
    this.group = store.groupVersion().group();
    this.plural = store.resource().plural();
    this.kind = store.resource().kind();
    this.maxBodyBytes = maxBodyBytes;
    this.patches = patches;
    this.watches = watches;
    this.output =
        new Output(
            store.groupVersion().toString(),
            store.resource().listKind(),
            new TableConverter(store.resource()));
  }

  Store store() {
    return store;
  }

  /** The patch types the PATCH routes list (the applier's, or the default list without one). */
  List<String> patchTypes() {
    return patches.patchTypes().isEmpty() ? PatchApplier.DEFAULT_PATCH_TYPES : patches.patchTypes();
  }

  // ---------------------------------------------------------------- collection

  void list(RestRequest request, String namespace) {
    HttpServerExchange exchange = request.exchange();
    QueryParams query = new QueryParams(exchange);
    ListParams params = query.listParams();
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    ObjectList list = store.list(namespace, params);
    output.writeList(exchange, 200, target, list);
  }

  /** Whether the list request is a watch ({@code ?watch=true}). */
  static boolean isWatch(RestRequest request) {
    return new QueryParams(request.exchange()).isWatch();
  }

  void watch(RestRequest request, String namespace, @Nullable String name) {
    watches.start(request.exchange(), store, output, namespace, name);
  }

  void create(RestRequest request, String namespace) {
    HttpServerExchange exchange = request.exchange();
    WriteOptions options = new QueryParams(exchange).writeOptions("CreateOptions");
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    byte[] bytes = typedNull(exchange, RequestBodies.readAll(exchange, maxBodyBytes));
    Unstructured body = Bodies.object(exchange, bytes, kind);
    WriteResult result = store.create(namespace, body, options);
    output.writeObject(exchange, 201, target, StoredObject.of(result.object()), result.warnings());
  }

  void deleteCollection(RestRequest request, String namespace) {
    HttpServerExchange exchange = request.exchange();
    QueryParams query = new QueryParams(exchange);
    ListParams params = query.listParams();
    DeleteOptions options = deleteOptions(exchange);
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    ObjectList deleted = store.deleteCollection(namespace, params, options);
    output.writeList(exchange, 200, target, deleted);
  }

  // ---------------------------------------------------------------- items

  void get(RestRequest request, String namespace, String name) {
    HttpServerExchange exchange = request.exchange();
    QueryParams query = new QueryParams(exchange);
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    StoredObject object = store.get(namespace, name, query.first("resourceVersion"));
    output.writeObject(exchange, 200, target, object, List.of());
  }

  void update(RestRequest request, String namespace, String name, boolean status) {
    HttpServerExchange exchange = request.exchange();
    WriteOptions options = new QueryParams(exchange).writeOptions("UpdateOptions");
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    byte[] bytes = typedNull(exchange, RequestBodies.readAll(exchange, maxBodyBytes));
    Unstructured body = Bodies.object(exchange, bytes, kind);
    WriteResult result =
        store.update(
            namespace, name, io.kapi.server.registry.ObjectUpdater.replaceWith(body), options, status);
    output.writeObject(
        exchange, result.created() ? 201 : 200, target, StoredObject.of(result.object()),
        result.warnings());
  }

  void updateSubresource(RestRequest request, String namespace, String name, String subresource) {
    HttpServerExchange exchange = request.exchange();
    WriteOptions options = new QueryParams(exchange).writeOptions("UpdateOptions");
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    Unstructured body = Bodies.object(exchange, RequestBodies.readAll(exchange, maxBodyBytes), kind);
    WriteResult result =
        store.updateSubresource(
            namespace, name, subresource, io.kapi.server.registry.ObjectUpdater.replaceWith(body),
            options);
    output.writeObject(exchange, 200, target, StoredObject.of(result.object()), result.warnings());
  }

  void patch(RestRequest request, String namespace, String name, boolean status) {
    HttpServerExchange exchange = request.exchange();
    String patchType = patchType(exchange);
    List<String> accepted = patches.patchTypes();
    if (patchType == null || !accepted.contains(patchType)) {
      throw ApiErrors.unsupportedMediaType(patchTypes());
    }
    QueryParams query = new QueryParams(exchange);
    boolean apply = patchType.equals(MediaTypes.APPLY_PATCH_YAML);
    List<FieldError> errors = new ArrayList<>(query.dryRunErrors());
    String fieldManager = query.first("fieldManager");
    if (apply && (fieldManager == null || fieldManager.isEmpty())) {
      errors.add(FieldError.required("fieldManager", "is required for apply patch"));
    }
    if (!errors.isEmpty()) {
      throw RegistryErrors.invalidOptions("PatchOptions", errors);
    }
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    byte[] patch = RequestBodies.readAll(exchange, maxBodyBytes);
    WriteOptions options =
        query
            .writeOptions("PatchOptions")
            .rejectingUnknownFieldsWith(
                (patched, unknownFields) ->
                    patches.strictDecodingError(patchType, patch, patched, unknownFields));
    WriteResult result =
        store.update(
            namespace,
            name,
            current -> {
              ObjectNode original;
              if (current == null) {
                if (!apply) {
                  throw ApiErrors.notFound(group, plural, name);
                }
                original = JsonNodeFactory.instance.objectNode();
              } else {
                original = current.object();
              }
              return new Unstructured(patches.apply(patchType, original, patch));
            },
            options,
            status,
            apply);
    output.writeObject(
        exchange, result.created() ? 201 : 200, target, StoredObject.of(result.object()),
        result.warnings());
  }

  void delete(RestRequest request, String namespace, String name) {
    HttpServerExchange exchange = request.exchange();
    DeleteOptions options = deleteOptions(exchange);
    Negotiation.Target target = Negotiation.negotiate(exchange, false);
    DeleteResult result = store.delete(namespace, name, options);
    if (result.body() instanceof Status status) {
      Output.writePlain(exchange, 200, target, status);
    } else {
      output.writeObject(exchange, 200, target, StoredObject.of((Unstructured) result.body()), List.of());
    }
  }

  // ---------------------------------------------------------------- helpers

  private DeleteOptions deleteOptions(HttpServerExchange exchange) {
    QueryParams query = new QueryParams(exchange);
    byte[] body = RequestBodies.readAll(exchange, maxBodyBytes);
    DeleteOptions options = Bodies.deleteOptions(exchange, body);
    if (options == null) {
      long grace = query.int64("gracePeriodSeconds", Long.MIN_VALUE);
      options =
          new DeleteOptions(
              null,
              null,
              grace == Long.MIN_VALUE ? null : grace,
              null,
              query.optionalFlag("orphanDependents"),
              query.first("propagationPolicy"),
              query.all("dryRun"),
              null);
    }
    List<FieldError> errors = new ArrayList<>();
    String policy = options.propagationPolicy();
    if (options.orphanDependents() != null && policy != null) {
      errors.add(
          FieldError.invalid(
              "propagationPolicy", policy, "orphanDependents and deletionPropagation cannot be both set"));
    }
    if (policy != null
        && !policy.equals(DeleteOptions.PROPAGATION_FOREGROUND)
        && !policy.equals(DeleteOptions.PROPAGATION_BACKGROUND)
        && !policy.equals(DeleteOptions.PROPAGATION_ORPHAN)) {
      errors.add(
          FieldError.notSupported(
              "propagationPolicy", policy, List.of("Foreground", "Background", "Orphan", "nil")));
    }
    for (String value : options.dryRun()) {
      if (!value.equals("All")) {
        errors.add(
            FieldError.notSupported(
                "dryRun", new QueryParams.GoStringSlice(options.dryRun()), List.of("All")));
        break;
      }
    }
    if (!errors.isEmpty()) {
      throw RegistryErrors.invalidOptions("DeleteOptions", errors);
    }
    return options;
  }

  /**
   * A null document (JSON {@code null}, an empty YAML body) as an empty object for the legacy core
   * group, whose typed decoder upstream decodes it into an empty object of the resource's type
   * (then validation answers); other groups decode it as before.
   */
  private byte[] typedNull(HttpServerExchange exchange, byte[] body) {
    if (!group.isEmpty() || body.length > 16) {
      return body;
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    boolean yaml = Bodies.isYaml(exchange);
    boolean isNull =
        text.equals("null") || (yaml && (text.isEmpty() || text.equals("~") || text.equals("---")));
    return isNull ? EMPTY_OBJECT.clone() : body;
  }

  /** The essence of the request's {@code Content-Type}, or null. */
  private static @Nullable String patchType(HttpServerExchange exchange) {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    try {
      return MediaType.parse(contentType).essence();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "ResourceHandlers{" + store + "}";
  }
}
