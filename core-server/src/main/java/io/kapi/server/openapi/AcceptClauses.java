package io.kapi.server.openapi;

import io.kapi.api.codec.MediaType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@code Accept} header in the order upstream's OpenAPI handlers try it ({@code goautoneg}):
 * higher {@code q} first, then concrete types before {@code *}, keeping header order otherwise. A
 * missing or blank header means {@code *}{@code /*}; clauses with {@code q=0} are dropped.
 */
final class AcceptClauses {
  private static final Comparator<MediaType> PREFERENCE =
      Comparator.comparingDouble(MediaType::quality)
          .reversed()
          .thenComparing(m -> m.type().equals("*"))
          .thenComparing(m -> m.subtype().equals("*"));

  private AcceptClauses() {}

  static List<MediaType> sorted(@Nullable String header) {
    List<MediaType> clauses =
        new ArrayList<>(MediaType.parseList(header == null || header.isBlank() ? "*/*" : header));
    clauses.removeIf(m -> m.quality() <= 0);
    clauses.sort(PREFERENCE);
    return clauses;
  }

  /** Whether {@code clause} accepts {@code type/subtype}, honouring {@code *} in the clause. */
  static boolean accepts(MediaType clause, String type, String subtype) {
    return (clause.type().equals(type) || clause.type().equals("*"))
        && (clause.subtype().equals(subtype) || clause.subtype().equals("*"));
  }
}
