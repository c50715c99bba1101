package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A list of objects reduced to their metadata ({@code as=PartialObjectMetadataList}). {@code
 * metadata} and {@code items} are always written.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "items"})
public record PartialObjectMetadataList(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String kind,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String apiVersion,
    ListMeta metadata,
    List<PartialObjectMetadata> items) {

  /** {@code kind} of the list. */
  public static final String KIND = "PartialObjectMetadataList";

  public PartialObjectMetadataList {
    metadata = metadata == null ? ListMeta.empty() : metadata;
    items = MetaCollections.list(items);
  }

  /** The {@code meta.k8s.io/v1} list. */
  public static PartialObjectMetadataList of(ListMeta metadata, List<PartialObjectMetadata> items) {
    return new PartialObjectMetadataList(
        KIND, PartialObjectMetadata.API_VERSION, metadata, items);
  }
}
