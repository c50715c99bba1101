package io.kapi.server.registry;

import io.kapi.api.codec.DecodeException;
import io.kapi.api.errors.ApiErrors;
import io.kapi.api.errors.ApiException;
import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.pathrecorder.GoQuote;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks and normalizations every request body goes through before the store prepares it
 * (upstream's create/update handlers and {@code rest.BeforeCreate}): type meta, name and namespace
 * against the URL, and pruning of unknown fields.
 */
final class BodyChecks {
  private final String group;
  private final String apiVersion;
  private final ResourceDefinition resource;
  private final ObjectSchemaHook schema;

  BodyChecks(String group, String apiVersion, ResourceDefinition resource) {
    this.group = group;
    this.apiVersion = apiVersion;
    this.resource = resource;
    this.schema = resource.schema();
  }

  /**
   * The body's apiVersion must be the store's (400), its kind the resource's (422; in the legacy
   * core group both are 400 as upstream's typed decoder answers); absent ones are filled. Its
   * metadata must have the shape of ObjectMeta (400 otherwise).
   */
  void typeMeta(Unstructured object) {
    try {
      object.getObjectMeta();
    } catch (DecodeException e) {
      throw ApiErrors.badRequest(String.valueOf(e.getMessage()));
    }
    String bodyApiVersion = object.getApiVersion();
    if (group.isEmpty()) {
      // the legacy core group is decoded by upstream's typed scheme, which answers differently
      String effectiveVersion = bodyApiVersion == null ? apiVersion : bodyApiVersion;
      String effectiveKind = object.getKind() == null ? resource.kind() : object.getKind();
      if (!effectiveVersion.equals(apiVersion) || !effectiveKind.equals(resource.kind())) {
        throw LegacySchemeDecoding.mismatch(effectiveVersion, effectiveKind, resource.kind());
      }
    }
    if (bodyApiVersion == null) {
      ObjectCodec.putSorted(
          object.object(), "apiVersion", JsonNodeFactory.instance.stringNode(apiVersion));
    } else if (!bodyApiVersion.equals(apiVersion)) {
      throw ApiErrors.badRequest(
          "the API version in the data ("
              + bodyApiVersion
              + ") does not match the expected API version ("
              + apiVersion
              + ")");
    }
    String kind = object.getKind();
    if (kind == null) {
      ObjectCodec.putSorted(
          object.object(), "kind", JsonNodeFactory.instance.stringNode(resource.kind()));
    } else if (!kind.equals(resource.kind())) {
      throw invalid(
          object, List.of(FieldError.invalid("kind", kind, "must be " + resource.kind())));
    }
  }

  /** Upstream's {@code checkName} of updates: the body's name and namespace must match the URL. */
  static void nameMatchesUrl(Unstructured object, String name, String namespace) {
    String objectName = object.getName() == null ? "" : object.getName();
    if (!objectName.equals(name)) {
      throw ApiErrors.badRequest(
          "the name of the object ("
              + objectName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    String objectNamespace = object.getNamespace();
    if (!namespace.isEmpty() && objectNamespace != null && !objectNamespace.equals(namespace)) {
      throw ApiErrors.badRequest(
          "the namespace of the object ("
              + objectNamespace
              + ") does not match the namespace on the request ("
              + namespace
              + ")");
    }
  }

  /** Upstream's {@code EnsureObjectNamespaceMatchesRequestNamespace}. */
  void namespace(Unstructured object, String requestNamespace) {
    String expected = resource.namespaced() ? requestNamespace : "";
    String actual = object.getNamespace() == null ? "" : object.getNamespace();
    if (actual.equals(expected)) {
      return;
    }
    if (actual.isEmpty() || expected.isEmpty()) {
      object.setNamespace(expected);
      return;
    }
    throw ApiErrors.badRequest(
        "the namespace of the provided object does not match the namespace sent on the request");
  }

  /**
   * Prunes unknown fields; per {@code fieldValidation} they are ignored, reported as warnings or
   * rejected (400 {@code Pod in version "v1" cannot be handled as a Pod: strict decoding error:
   * unknown field "spec.foo"}, or the options' own {@link WriteOptions.StrictRejection}).
   */
  void prune(Unstructured object, WriteOptions options, List<String> warnings) {
    WriteOptions.StrictRejection rejection =
        options.fieldValidation() == FieldValidation.STRICT ? options.strictRejection() : null;
    ObjectNode asSent = rejection == null ? null : object.object().deepCopy();
    List<String> unknown = schema.prune(object.object());
    if (unknown.isEmpty() || options.fieldValidation() == FieldValidation.IGNORE) {
      return;
    }
    List<String> messages = new ArrayList<>(unknown.size());
    for (String field : unknown) {
      messages.add("unknown field " + GoQuote.quote(field));
    }
    if (rejection != null) {
      throw rejection.reject(asSent, List.copyOf(messages));
    }
    if (options.fieldValidation() == FieldValidation.STRICT) {
      // upstream's transformDecodeError: "Pod in version "v1" cannot be handled as a Pod: ..."
      String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      throw ApiErrors.badRequest(
          resource.kind() + " in version \"" + version + "\" cannot be handled as a "
              + resource.kind() + ": strict decoding error: " + String.join(", ", messages));
    }
    warnings.addAll(messages);
  }

  /** 422 Invalid on the resource's kind. */
  ApiException invalid(Unstructured object, List<FieldError> errors) {
    String name = object.getName();
    return ApiErrors.invalid(group, resource.kind(), name == null ? "" : name, errors);
  }

}
