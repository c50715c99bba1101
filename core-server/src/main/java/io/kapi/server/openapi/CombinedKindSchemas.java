package io.kapi.server.openapi;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import io.kapi.api.schema.GroupVersionKind;
import io.kapi.server.registry.ObjectSchemaHook;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** {@link KindSchemas#or}: the first source that knows a kind answers for it. */
final class CombinedKindSchemas implements KindSchemas {
  private final KindSchemas first;
  private final KindSchemas second;
  private final Supplier<Map<String, JsonNode>> components;

  CombinedKindSchemas(KindSchemas first, KindSchemas second) {
    this.first = first;
    this.second = second;
    this.components =
        Suppliers.memoize(
            () -> {
              Map<String, JsonNode> all = new LinkedHashMap<>(second.components());
              all.putAll(first.components());
              return Collections.unmodifiableMap(all);
            });
  }

  @Override
  public Optional<String> componentName(GroupVersionKind gvk) {
    return first.componentName(gvk).or(() -> second.componentName(gvk));
  }

  @Override
  public Map<String, JsonNode> components() {
    return components.get();
  }

  @Override
  public Optional<ObjectSchemaHook> schemaHook(GroupVersionKind gvk) {
    return first.componentName(gvk).isPresent() ? first.schemaHook(gvk) : second.schemaHook(gvk);
  }

  @Override
  public String toString() {
    return first + ".or(" + second + ")";
  }
}
