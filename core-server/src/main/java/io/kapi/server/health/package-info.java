/**
 * Health endpoints {@code /healthz}, {@code /livez}, {@code /readyz}: implement
 * {@link io.kapi.server.health.HealthCheck} and {@link io.kapi.server.health.HealthEndpoints}
 * installs the endpoint and one path per check, with upstream's {@code ?verbose} and
 * {@code ?exclude} behaviour.
 */
@NullMarked
package io.kapi.server.health;

import org.jspecify.annotations.NullMarked;
