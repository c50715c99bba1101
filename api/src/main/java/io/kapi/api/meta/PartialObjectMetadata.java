package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Any object reduced to its metadata, served for {@code Accept:
 * application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io} and embedded in {@link TableRow}s.
 * {@code metadata} is always written.
 */
@JsonPropertyOrder({"kind", "apiVersion", "metadata"})
public record PartialObjectMetadata(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String kind,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @Nullable String apiVersion,
    ObjectMeta metadata) {

  /** {@code kind} of a single object's metadata. */
  public static final String KIND = "PartialObjectMetadata";

  /** {@code apiVersion} of PartialObjectMetadata and its list. */
  public static final String API_VERSION = "meta.k8s.io/v1";

  public PartialObjectMetadata {
    metadata = metadata == null ? ObjectMeta.empty() : metadata;
  }

  /** The {@code meta.k8s.io/v1} form of {@code metadata}. */
  public static PartialObjectMetadata of(ObjectMeta metadata) {
    return new PartialObjectMetadata(KIND, API_VERSION, metadata);
  }
}
