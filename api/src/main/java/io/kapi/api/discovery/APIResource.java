package io.kapi.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One resource (or subresource such as {@code pods/status}) in an {@link APIResourceList}.
 * {@code singularName}, {@code namespaced}, {@code kind} and {@code verbs} are always written;
 * the rest only when set.
 */
@JsonPropertyOrder({
  "name", "singularName", "namespaced", "group", "version", "kind", "verbs", "shortNames",
  "categories", "storageVersionHash"
})
public record APIResource(
    String name,
    String singularName,
    boolean namespaced,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String group,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String version,
    String kind,
    List<String> verbs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<String> shortNames,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable List<String> categories,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String storageVersionHash) {

  public APIResource {
    name = name == null ? "" : name;
    singularName = singularName == null ? "" : singularName;
    kind = kind == null ? "" : kind;
    verbs = verbs == null ? List.of() : List.copyOf(verbs);
    shortNames = shortNames == null ? null : List.copyOf(shortNames);
    categories = categories == null ? null : List.copyOf(categories);
  }
}
