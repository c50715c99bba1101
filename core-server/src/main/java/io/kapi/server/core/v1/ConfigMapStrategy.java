package io.kapi.server.core.v1;

import io.kapi.api.errors.FieldError;
import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ResourceStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ConfigMaps ({@code ValidateConfigMap}): valid keys, no key in both {@code data} and {@code
 * binaryData}, at most 1 MiB in all, and nothing changes once {@code immutable} is set.
 */
final class ConfigMapStrategy implements ResourceStrategy {

  @Override
  public void prepareForCreate(Unstructured configMap) {
    Generation.clear(configMap);
    normalize(configMap);
  }

  @Override
  public void prepareForUpdate(Unstructured configMap, Unstructured old) {
    normalize(configMap);
  }

  private static void normalize(Unstructured configMap) {
    ConfigData.requireStrings(configMap, "data");
    Trees.sortKeys(configMap.object(), "data");
    ConfigData.canonicalizeBytes(configMap, "binaryData");
  }

  @Override
  public List<FieldError> validate(Unstructured configMap) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> binaryKeys = new HashSet<>(ConfigData.keys(configMap, "binaryData"));
    for (String key : ConfigData.keys(configMap, "data")) {
      Formats.configKey(key)
          .forEach(m -> errors.add(FieldError.invalid("data[" + key + "]", key, m)));
      if (binaryKeys.contains(key)) {
        errors.add(
            FieldError.invalid("data[" + key + "]", key, "duplicate of key present in binaryData"));
      }
    }
    ConfigData.validateKeys(configMap, "binaryData", errors);
    long size =
        ConfigData.size(configMap, "data", false) + ConfigData.size(configMap, "binaryData", true);
    if (size > ConfigData.MAX_SIZE) {
      // upstream reports the whole object, whose path prints as "[]"
      errors.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              "[]",
              null,
              "may not be more than " + ConfigData.MAX_SIZE + " bytes"));
    }
    return errors;
  }

  @Override
  public List<FieldError> validateUpdate(Unstructured configMap, Unstructured old) {
    List<FieldError> errors =
        new ArrayList<>(ConfigData.immutableChanges(configMap, old, "data", "binaryData"));
    errors.addAll(validate(configMap));
    return errors;
  }

  @Override
  public boolean generationChanged(Unstructured configMap, Unstructured old) {
    return false;
  }
}
