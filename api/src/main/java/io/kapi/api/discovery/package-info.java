/**
 * Legacy discovery documents ({@code /api}, {@code /apis}, {@code /apis/<group>[/<version>]}) and the
 * {@code /version} and {@code /} documents. Start with {@link io.kapi.api.discovery.APIGroupList} and
 * {@link io.kapi.api.discovery.APIResourceList}.
 */
@NullMarked
package io.kapi.api.discovery;

import org.jspecify.annotations.NullMarked;
