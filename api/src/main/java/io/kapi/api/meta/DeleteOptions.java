package io.kapi.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The optional body (or query parameters) of a DELETE: grace period, preconditions, how dependents
 * are garbage-collected, and dry run.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "kind", "apiVersion", "gracePeriodSeconds", "preconditions", "orphanDependents",
  "propagationPolicy", "dryRun", "ignoreStoreReadErrorWithClusterBreakingPotential"
})
public record DeleteOptions(
    @Nullable String kind,
    @Nullable String apiVersion,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long gracePeriodSeconds,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Preconditions preconditions,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Boolean orphanDependents,
    @Nullable String propagationPolicy,
    List<String> dryRun,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        Boolean ignoreStoreReadErrorWithClusterBreakingPotential) {

  /** {@code propagationPolicy}: leave dependents alone. */
  public static final String PROPAGATION_ORPHAN = "Orphan";

  /** {@code propagationPolicy}: delete now, dependents in the background. */
  public static final String PROPAGATION_BACKGROUND = "Background";

  /** {@code propagationPolicy}: delete dependents first. */
  public static final String PROPAGATION_FOREGROUND = "Foreground";

  /** The only valid {@code dryRun} value. */
  public static final String DRY_RUN_ALL = "All";

  public DeleteOptions {
    dryRun = MetaCollections.list(dryRun);
  }

  /** Options with nothing set (server defaults). */
  public static DeleteOptions defaults() {
    return new DeleteOptions(null, null, null, null, null, null, List.of(), null);
  }

  /** True if {@code dryRun} contains {@code All}. */
  public boolean dryRunAll() {
    return dryRun.contains(DRY_RUN_ALL);
  }
}
