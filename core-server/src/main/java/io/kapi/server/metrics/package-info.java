/**
 * kube-apiserver's request metrics, kept with the Prometheus Java client library. Start with {@link
 * io.kapi.server.metrics.ApiServerMetrics}: it owns the registry, makes the filters that record
 * every request and the {@code /metrics} endpoint; {@code RequestLabels} holds upstream's label
 * cleaning (verb, scope, dry run).
 */
@NullMarked
package io.kapi.server.metrics;

import org.jspecify.annotations.NullMarked;
