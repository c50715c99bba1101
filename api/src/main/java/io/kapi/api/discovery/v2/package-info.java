/**
 * Aggregated discovery ({@code apidiscovery.k8s.io/v2}): every group, version and resource of the
 * server chain in one document, served from {@code /api} and {@code /apis} when the client asks
 * for {@code as=APIGroupDiscoveryList}. Start with {@link
 * io.kapi.api.discovery.v2.APIGroupDiscoveryList}.
 */
@NullMarked
package io.kapi.api.discovery.v2;

import org.jspecify.annotations.NullMarked;
