package io.kapi.server.core.v1;

import io.kapi.api.unstructured.Unstructured;
import io.kapi.server.registry.ResourceStrategy;
import java.util.List;
import java.util.Objects;

/**
 * A core/v1 strategy whose field selectors beyond the metadata ones are upstream's for its
 * resource ({@link CoreFieldLabels}).
 */
interface UpstreamFieldLabels extends ResourceStrategy {
  /** The core resource (plural) whose field labels the strategy's objects have. */
  String fieldLabelsOf();

  @Override
  default List<String> selectableFields() {
    return CoreFieldLabels.supported(fieldLabelsOf());
  }

  @Override
  default String fieldValue(Unstructured object, String field) {
    return Objects.requireNonNullElse(CoreFieldLabels.value(fieldLabelsOf(), object, field), "");
  }
}
