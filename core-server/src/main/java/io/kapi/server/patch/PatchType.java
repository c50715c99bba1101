package io.kapi.server.patch;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of PATCH body Kubernetes accepts, one per {@code Content-Type}. Built-in kinds accept
 * all four; custom resources all but {@link #STRATEGIC_MERGE_PATCH}.
 */
public enum PatchType {
  /** RFC 6902 JSON patch: a list of operations. */
  JSON_PATCH("application/json-patch+json"),
  /** RFC 7386 JSON merge patch: a partial object, {@code null} deletes. */
  MERGE_PATCH("application/merge-patch+json"),
  /**
   * Kubernetes strategic merge patch: a merge patch that merges lists by key and has directives.
   */
  STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
  /** Server-side apply configuration in YAML (or JSON); {@link Patcher} does not apply it. */
  APPLY_PATCH_YAML("application/apply-patch+yaml");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  /** The media type, e.g. {@code application/merge-patch+json}. */
  public String contentType() {
    return contentType;
  }

  /**
   * The patch type of a {@code Content-Type} header value, as upstream matches it: whatever follows
   * the first {@code ;} (a charset, for example) is dropped, the rest must equal a media type
   * exactly (case and spaces included). Empty for anything else, which the caller answers with 415.
   */
  public static Optional<PatchType> fromContentType(String contentType) {
    checkNotNull(contentType, "contentType");
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon > 0 ? contentType.substring(0, semicolon) : contentType;
    for (PatchType type : values()) {
      if (type.contentType.equals(mediaType)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The media types a resource accepts, in upstream's order (the order its 415 message lists them
   * in): all four for built-in kinds, all but strategic merge patch for custom resources.
   */
  public static List<String> contentTypes(boolean strategicMergePatch) {
    List<String> types = new ArrayList<>(4);
    for (PatchType type : values()) {
      if (type != STRATEGIC_MERGE_PATCH || strategicMergePatch) {
        types.add(type.contentType);
      }
    }
    return List.copyOf(types);
  }
}
