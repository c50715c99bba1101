package io.kapi.server.schema;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;

/**
 * The schema of {@code metadata} in every resource: upstream's {@code ObjectMeta} from the bundled
 * core/v1 document. Custom resources declare at most {@code name} and {@code generateName} there;
 * the rest of the shape is implied, as upstream's decoding into {@code metav1.ObjectMeta} implies
 * it.
 */
final class ObjectMetaSchema {
  static final String COMPONENT = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private static final Supplier<StructuralSchema> SCHEMA =
      Suppliers.memoize(
          () ->
              OpenApiDocument.coreV1()
                  .component(COMPONENT)
                  .orElseThrow(() -> new IllegalStateException("no " + COMPONENT)));

  private ObjectMetaSchema() {}

  static StructuralSchema get() {
    return SCHEMA.get();
  }
}
