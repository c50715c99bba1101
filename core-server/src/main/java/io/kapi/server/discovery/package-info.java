/**
 * Legacy discovery endpoints served by go-restful WebServices: {@code /api} (APIVersions) and a group
 * version's resource list ({@code /api/v1}, {@code /apis/<group>/<version>}). Start with {@link
 * io.kapi.server.discovery.LegacyDiscovery}.
 */
@NullMarked
package io.kapi.server.discovery;

import org.jspecify.annotations.NullMarked;
