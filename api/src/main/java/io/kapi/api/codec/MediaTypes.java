package io.kapi.api.codec;

/**
 * The media types the Kubernetes API speaks, and the {@code as}/{@code g}/{@code v} parameter
 * values clients use to ask for alternate representations (Table, PartialObjectMetadata,
 * aggregated discovery).
 */
public final class MediaTypes {
  public static final String APPLICATION_JSON = "application/json";
  public static final String APPLICATION_YAML = "application/yaml";
  /** Server-side apply patches. */
  public static final String APPLY_PATCH_YAML = "application/apply-patch+yaml";
  /** RFC 6902 JSON patches. */
  public static final String JSON_PATCH = "application/json-patch+json";
  /** RFC 7386 JSON merge patches. */
  public static final String MERGE_PATCH = "application/merge-patch+json";
  /** Strategic merge patches (built-in types only). */
  public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

  /** {@code g} of Table and PartialObjectMetadata requests. */
  public static final String META_GROUP = "meta.k8s.io";
  /** {@code g} of aggregated discovery requests. */
  public static final String DISCOVERY_GROUP = "apidiscovery.k8s.io";

  /** What a client sends to get aggregated discovery v2. */
  public static final String AGGREGATED_DISCOVERY_V2 =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  /** What a client sends to get a Table (kubectl get). */
  public static final String TABLE_V1 = "application/json;as=Table;v=v1;g=meta.k8s.io";
  /** What a client sends to get PartialObjectMetadata. */
  public static final String PARTIAL_OBJECT_METADATA_V1 =
      "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io";
  /** What a client sends to get PartialObjectMetadataList. */
  public static final String PARTIAL_OBJECT_METADATA_LIST_V1 =
      "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io";

  private MediaTypes() {}
}
