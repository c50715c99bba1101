/**
 * The in-memory storage backend: etcd semantics (global revisions, history until compaction,
 * watches from old revisions) without durability, for tests and throw-away servers.
 *
 * <p>Start with {@link io.kapi.server.storage.memory.MemoryStorage#create()}.
 */
@NullMarked
package io.kapi.server.storage.memory;

import org.jspecify.annotations.NullMarked;
