/**
 * Discovery endpoints. Legacy documents are served by go-restful WebServices built with {@link
 * io.kapi.server.discovery.LegacyDiscovery} ({@code /api}, {@code /apis}, {@code /apis/<group>}, a
 * group version's resource list); aggregated discovery ({@code apidiscovery.k8s.io/v2}) is held and
 * served by {@link io.kapi.server.discovery.AggregatedDiscovery}, which wraps the legacy {@code
 * /api} and {@code /apis} handlers and answers clients that ask for it.
 */
@NullMarked
package io.kapi.server.discovery;

import org.jspecify.annotations.NullMarked;
