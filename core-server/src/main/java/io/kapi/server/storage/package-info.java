/**
 * The storage SPI: a revisioned key-value store with etcd semantics that every backend implements.
 *
 * <p>Start with {@link io.kapi.server.storage.Storage}. Values are opaque bytes (an object's JSON);
 * every write gets the next global revision, which becomes the object's {@code resourceVersion}.
 * Keys follow {@code /registry/<resource>/<namespace>/<name>} (see {@link
 * io.kapi.server.storage.StorageKeys}). Read-modify-write with retries and {@link
 * io.kapi.server.storage.Preconditions} goes through {@link
 * io.kapi.server.storage.GuaranteedUpdate}.
 */
@NullMarked
package io.kapi.server.storage;

import org.jspecify.annotations.NullMarked;
