/**
 * The watch cache: an in-memory mirror of one resource prefix, fed by a single storage watch, that
 * serves lists at "any"/"not older than" revisions and fans every change out to many watchers,
 * serializing each object once for all of them.
 *
 * <p>Start with {@link io.kapi.server.storage.cache.WatchCache#builder}; watchers use {@link
 * io.kapi.server.storage.cache.CacheWatch} and implement {@link
 * io.kapi.server.storage.cache.WatchCacheConsumer}.
 */
@NullMarked
package io.kapi.server.storage.cache;

import org.jspecify.annotations.NullMarked;
