package io.kapi.server.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many distinct {@code group/version/resource/subresource} label combinations the
 * request metrics may hold. Upstream labels only requests that reached an installed route; here the
 * labels come from the URL, so a client that invents resource names would otherwise create a series
 * per invention. Combinations seen first are kept; once the limit is reached, new ones are reported
 * without resource labels and a warning is logged once.
 *
 * <p>Thread-safe; the limit may be overshot by a few entries when requests race.
 */
final class ResourceLabelLimit {
  private static final Logger log = LoggerFactory.getLogger(ResourceLabelLimit.class);

  private final int max;
  private final Set<List<String>> admitted = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean warned = new AtomicBoolean();

  ResourceLabelLimit(int max) {
    checkArgument(max > 0, "max must be positive: %s", max);
    this.max = max;
  }

  /** Whether {@code labels} may be reported with its resource labels. */
  boolean admit(RequestLabels labels) {
    if (!labels.hasResource()) {
      return true;
    }
    List<String> key =
        List.of(labels.group(), labels.version(), labels.resource(), labels.subresource());
    if (admitted.contains(key)) {
      return true;
    }
    if (admitted.size() >= max) {
      if (warned.compareAndSet(false, true)) {
        log.warn(
            "more than {} distinct group/version/resource/subresource label sets in the request"
                + " metrics; further ones (first: {}) are reported without resource labels",
            max,
            key);
      }
      return false;
    }
    admitted.add(key);
    return true;
  }
}
