package io.kapi.server.registry;

import io.kapi.api.errors.FieldError;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A schema engine's view of one resource (for custom resources, the CRD's structural schema): it
 * removes unknown fields, fills defaults and validates. The {@link Store} calls it on every write
 * of a request body: {@link #prune} first (what it removed is reported per {@code
 * fieldValidation}), then {@link #applyDefaults}, and {@link #validate} together with the
 * strategy's validation. Implementations must be thread-safe.
 */
public interface ObjectSchemaHook {

  /** The hook of a resource without a schema: keeps everything, defaults and checks nothing. */
  ObjectSchemaHook NONE =
      new ObjectSchemaHook() {
        @Override
        public List<String> prune(ObjectNode object) {
          return List.of();
        }

        @Override
        public List<FieldError> validate(ObjectNode object) {
          return List.of();
        }

        @Override
        public void applyDefaults(ObjectNode object) {}
      };

  /**
   * Removes the fields the schema does not know from {@code object} and returns their paths
   * ({@code spec.foo}, {@code spec.items[0].bar}) in the order found.
   */
  List<String> prune(ObjectNode object);

  /** The schema violations of {@code object}. */
  List<FieldError> validate(ObjectNode object);

  /** Sets the schema's defaults on absent fields of {@code object}. */
  void applyDefaults(ObjectNode object);
}
