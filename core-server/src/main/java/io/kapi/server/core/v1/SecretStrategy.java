package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets ({@code ValidateSecret}, the v1 conversion): {@code stringData} is folded into the base64
 * {@code data} and dropped, {@code type} defaults to {@code Opaque} and never changes, keys are
 * valid config keys, the data is at most 1 MiB, and the well-known types require their keys.
 */
final class SecretStrategy implements UpstreamFieldLabels {
  static final String TYPE_OPAQUE = "Opaque";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void prepareForCreate(Unstructured secret) {
    Generation.clear(secret);
    normalize(secret);
  }

  @Override
  public void prepareForUpdate(Unstructured secret, Unstructured old) {
    normalize(secret);
  }

  /**
   * Folds {@code stringData} into {@code data} (its values win), canonical base64, type default.
   */
  static void normalize(Unstructured secret) {
    ConfigData.canonicalizeBytes(secret, "data");
    ConfigData.requireStrings(secret, "stringData");
    ObjectNode stringData = Trees.object(secret.object(), "stringData");
    if (stringData != null) {
      ObjectNode data = Trees.objectForWrite(secret.object(), "data");
      for (Map.Entry<String, JsonNode> e : stringData.properties()) {
        String text = e.getValue().isString() ? e.getValue().stringValue() : "";
        data.put(e.getKey(), GoBase64.encode(text.getBytes(StandardCharsets.UTF_8)));
      }
      secret.object().remove("stringData");
      Trees.sortKeys(secret.object(), "data");
    }
    Trees.defaultString(secret.object(), "type", TYPE_OPAQUE);
  }

  @Override
  public List<FieldError> validate(Unstructured secret) {
    List<FieldError> errors = new ArrayList<>();
    ConfigData.validateKeys(secret, "data", errors);
    if (ConfigData.size(secret, "data", true) > ConfigData.MAX_SIZE) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              "data",
              null,
              "may not be more than " + ConfigData.MAX_SIZE + " bytes"));
    }
    List<String> keys = ConfigData.keys(secret, "data");
    switch (Trees.string(secret.object(), "type")) {
      case "kubernetes.io/service-account-token" -> {
        String annotation = "kubernetes.io/service-account.name";
        if (secret.getAnnotations().getOrDefault(annotation, "").isEmpty()) {
          errors.add(FieldError.required("metadata.annotations[" + annotation + "]", ""));
        }
      }
      case "kubernetes.io/dockercfg" -> dockerConfig(secret, ".dockercfg", errors);
      case "kubernetes.io/dockerconfigjson" -> dockerConfig(secret, ".dockerconfigjson", errors);
      case "kubernetes.io/basic-auth" -> {
        if (!keys.contains("username") && !keys.contains("password")) {
          errors.add(FieldError.required("data[username]", ""));
          errors.add(FieldError.required("data[password]", ""));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        byte[] key = ConfigData.bytes(secret, "data", "ssh-privatekey");
        if (key == null || key.length == 0) {
          errors.add(FieldError.required("data[ssh-privatekey]", ""));
        }
      }
      case "kubernetes.io/tls" -> {
        if (!keys.contains("tls.crt")) {
          errors.add(FieldError.required("data[tls.crt]", ""));
        }
        if (!keys.contains("tls.key")) {
          errors.add(FieldError.required("data[tls.key]", ""));
        }
      }
      default -> {}
    }
    return errors;
  }

  private static void dockerConfig(Unstructured secret, String key, List<FieldError> errors) {
    String path = "data[" + key + "]";
    byte[] bytes = ConfigData.bytes(secret, "data", key);
    if (bytes == null) {
      errors.add(FieldError.required(path, ""));
      return;
    }
    String problem = jsonObjectProblem(new String(bytes, StandardCharsets.UTF_8));
    if (problem != null) {
      errors.add(FieldError.invalid(path, "<secret contents redacted>", problem));
    }
  }

  /** Why {@code text} is not a JSON object, in Go's words for the common cases; null if it is. */
  private static @org.jspecify.annotations.Nullable String jsonObjectProblem(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return "unexpected end of JSON input";
    }
    JsonNode node;
    try {
      node = JSON.readTree(trimmed);
    } catch (JacksonException e) {
      char first = trimmed.charAt(0);
      return "{[\"-0123456789tfn".indexOf(first) < 0
          ? "invalid character '" + first + "' looking for beginning of value"
          : "unexpected end of JSON input";
    }
    if (node.isObject() || node.isNull()) {
      return null;
    }
    String kind =
        node.isArray()
            ? "array"
            : node.isNumber() ? "number" : node.isBoolean() ? "bool" : "string";
    return "json: cannot unmarshal " + kind + " into Go value of type map[string]interface {}";
  }

  @Override
  public List<FieldError> validateUpdate(Unstructured secret, Unstructured old) {
    List<FieldError> errors = new ArrayList<>();
    String type = Trees.string(secret.object(), "type");
    if (!type.equals(Trees.string(old.object(), "type"))) {
      errors.add(FieldError.invalid("type", type, Formats.IMMUTABLE));
    }
    errors.addAll(ConfigData.immutableChanges(secret, old, "data"));
    errors.addAll(validate(secret));
    return errors;
  }

  @Override
  public boolean generationChanged(Unstructured secret, Unstructured old) {
    return false;
  }

  @Override
  public String fieldLabelsOf() {
    return "secrets";
  }
}
